package dev.toolgate.adapter.llm;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Links one streamed call to the byte stream it starts. LangChain4j's models start their stream on
 * the calling thread, so the adapter installs a watch around the call and {@link ProviderHttpClient}
 * picks it up there. The client reports the end of the stream (a call with no final reply by then
 * never gets one, so the adapter fails it at once instead of at its deadline) and hands over the
 * response body, which the adapter closes when it gives up on a stalled stream.
 */
final class StreamWatch {
  private static final ThreadLocal<StreamWatch> CURRENT = new ThreadLocal<>();
  private static final StreamWatch NONE = new StreamWatch(ended -> {});

  private final Consumer<Throwable> onEnd;
  private Closeable body;
  private boolean abandoned;

  StreamWatch(Consumer<Throwable> onEnd) {
    this.onEnd = onEnd;
  }

  /** Runs {@code call} with this watch for the streams it starts on this thread. */
  void around(Runnable call) {
    CURRENT.set(this);
    try {
      call.run();
    } finally {
      CURRENT.remove();
    }
  }

  /** The watch of the call running on this thread, or one that ignores everything. */
  static StreamWatch current() {
    StreamWatch watch = CURRENT.get();
    return watch == null ? NONE : watch;
  }

  /** The stream ended, normally ({@code failure} null) or not. */
  void ended(Throwable failure) {
    onEnd.accept(failure);
  }

  /** The body being read; closed at once if the call was already abandoned. */
  void reading(Closeable stream) {
    boolean closeNow;
    synchronized (this) {
      body = stream;
      closeNow = abandoned;
    }
    if (closeNow) {
      closeQuietly(stream);
    }
  }

  /** The caller gave up: close the body so the reading thread and the connection are released. */
  void abandon() {
    Closeable stream;
    synchronized (this) {
      abandoned = true;
      stream = body;
    }
    if (stream != null) {
      closeQuietly(stream);
    }
  }

  private static void closeQuietly(Closeable stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // closing is all we want; a failure to close changes nothing for the caller
    }
  }
}
