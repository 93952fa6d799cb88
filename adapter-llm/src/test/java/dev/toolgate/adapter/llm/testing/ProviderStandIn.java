package dev.toolgate.adapter.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model provider on 127.0.0.1 (JDK HttpServer): records every request and plays scripted answers
 * in order, JSON bodies or event streams written event by event (optionally in small pieces, with
 * CRLF line ends, or stopping early). Answers come from the reference fixtures of each provider.
 */
public final class ProviderStandIn implements AutoCloseable {

  /** One request as the stand-in saw it; header names lower-cased. */
  public record Recorded(String method, String path, String query, Map<String, String> headers, String body, long atNanos) {
    public JsonNode json() {
      return Json.parse(body);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body, List<String> events, int pieceSize,
      boolean crlf, long stallMillis) {

    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("content-type", "application/json"), body, null, 0, false, 0);
    }

    public static Answer fixture(int status, String path) {
      return json(status, Fixtures.text(path));
    }

    /** The events of an {@code .sse.txt} fixture, written one by one with status 200. */
    public static Answer sse(String path) {
      return events(Fixtures.events(path));
    }

    public static Answer events(List<String> events) {
      return new Answer(200, Map.of("content-type", "text/event-stream"), null, List.copyOf(events), 0, false, 0);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, more, body, events, pieceSize, crlf, stallMillis);
    }

    /** Writes the stream in pieces of {@code size} bytes, cutting lines and UTF-8 characters. */
    public Answer inPieces(int size) {
      return new Answer(status, headers, body, events, size, crlf, stallMillis);
    }

    public Answer withCrlf() {
      return new Answer(status, headers, body, events, pieceSize, true, stallMillis);
    }

    /** After the events, keeps the connection open this long before closing it. */
    public Answer stallingAfter(long millis) {
      return new Answer(status, headers, body, events, pieceSize, crlf, millis);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<Integer, CountDownLatch> holds = new ConcurrentHashMap<>();

  public ProviderStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:1234} plus {@code suffix} such as {@code /v1}. */
  public String baseUrl(String suffix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + suffix;
  }

  public ProviderStandIn then(Answer... answers) {
    script.addAll(Arrays.asList(answers));
    return this;
  }

  /** Makes the answer to request {@code index} (from 0) wait until {@code release} opens: a slow model. */
  public ProviderStandIn hold(int index, CountDownLatch release) {
    holds.put(index, release);
    return this;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public Recorded onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + requests.size());
    }
    return requests.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime()));
      CountDownLatch hold = holds.get(requests.size() - 1);
      if (hold != null) {
        await(hold);
      }
      Answer answer = script.pollFirst();
      if (answer == null) {
        answer = Answer.json(500, "{\"error\":{\"message\":\"the stand-in has no scripted answer left\"}}");
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (answer.events() == null) {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
        return;
      }
      exchange.sendResponseHeaders(answer.status(), 0);
      OutputStream out = exchange.getResponseBody();
      String separator = answer.crlf() ? "\r\n" : "\n";
      for (String event : answer.events()) {
        byte[] bytes = (event.replace("\n", separator) + separator + separator).getBytes(StandardCharsets.UTF_8);
        int step = answer.pieceSize() > 0 ? answer.pieceSize() : bytes.length;
        for (int i = 0; i < bytes.length; i += step) {
          out.write(bytes, i, Math.min(step, bytes.length - i));
          out.flush();
        }
        sleep(2);
      }
      sleep(answer.stallMillis());
      out.close();
    } catch (IOException e) {
      // the client hung up (a test that gave up on a stalled stream): nothing to answer
    }
  }

  private static void await(CountDownLatch release) {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
