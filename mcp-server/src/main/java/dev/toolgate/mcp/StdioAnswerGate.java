package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back the end of a stdio client's input until every request read from it has been answered.
 *
 * <p>The SDK's stdio transport ends the session as soon as its input ends, dropping answers still being
 * worked on: {@code printf '<initialize>\n<tools/list>\n' | toolgate mcp} would print nothing. This gate
 * counts JSON-RPC requests (messages with a {@code method} and an {@code id}) read from the input and
 * answers (an {@code id} with a {@code result} or {@code error}) written to the output, one message per
 * line as stdio frames them, and reports end of input only once the two match, or after {@code wait}.
 */
final class StdioAnswerGate {
  private static final Logger LOG = LoggerFactory.getLogger(StdioAnswerGate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long end of input waits for answers by default: longer than a tool call's default timeout (30 s). */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(40);

  private final Duration wait;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition answered = lock.newCondition();
  private long requests;
  private long answers;

  StdioAnswerGate(Duration wait) {
    this.wait = wait;
  }

  /** The client's input, whose end waits for the answers. */
  InputStream input(InputStream in) {
    return new Input(in);
  }

  /** The protocol output, on which answers are counted as they are flushed. */
  OutputStream output(OutputStream out) {
    return new Output(out);
  }

  private void requestRead(String line) {
    JsonNode message = parse(line);
    if (message != null && message.hasNonNull("method") && message.hasNonNull("id")) {
      lock.lock();
      try {
        requests++;
      } finally {
        lock.unlock();
      }
    }
  }

  private void answerWritten(String line) {
    JsonNode message = parse(line);
    if (message != null
        && !message.has("method")
        && message.has("id")
        && (message.has("result") || message.has("error"))) {
      lock.lock();
      try {
        answers++;
        answered.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void awaitAnswers() {
    long nanos = wait.toNanos();
    lock.lock();
    try {
      while (answers < requests) {
        if (nanos <= 0) {
          LOG.warn("input ended; {} request(s) still unanswered after {}", requests - answers, wait);
          return;
        }
        nanos = answered.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private static JsonNode parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null; // not ours to judge: the transport answers a malformed line itself
    }
  }

  /** Collects bytes into lines; a line is handed on whole, without its line break. */
  private static final class Lines {
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    /** Adds bytes, calling {@code onLine} for each line they complete. */
    void add(byte[] bytes, int offset, int length, Consumer<String> onLine) {
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          onLine.accept(rest());
        } else {
          current.write(bytes[i]);
        }
      }
    }

    /** What has been collected since the last line break. */
    String rest() {
      String line = current.toString(StandardCharsets.UTF_8);
      current.reset();
      return line;
    }
  }

  private final class Input extends FilterInputStream {
    private final Lines lines = new Lines();

    Input(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        lines.add(buffer, offset, n, StdioAnswerGate.this::requestRead);
      } else if (n < 0) {
        requestRead(lines.rest()); // a last line without a line break is still a message
        awaitAnswers();
      }
      return n;
    }
  }

  private final class Output extends FilterOutputStream {
    private final Lines lines = new Lines();

    Output(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      out.write(buffer, offset, length);
      List<String> done = new ArrayList<>();
      lines.add(buffer, offset, length, done::add);
      if (!done.isEmpty()) {
        // Counted once on its way to the client, not while it sits in a buffer.
        out.flush();
        done.forEach(StdioAnswerGate.this::answerWritten);
      }
    }
  }
}
