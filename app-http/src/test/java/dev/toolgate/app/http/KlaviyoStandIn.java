package dev.toolgate.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Klaviyo's API on 127.0.0.1, as far as a campaign report needs it: the account, the metrics, one
 * campaign values report and two pages of campaigns, from fixtures. It records each request's route
 * and {@code Authorization} header and answers with an {@code X-Request-ID} of its own.
 */
final class KlaviyoStandIn implements AutoCloseable {
  /** One request as seen: {@code GET /api/accounts} and the credential it carried. */
  record Seen(String route, String authorization, String revision) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final AtomicInteger ids = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  /** Counts requests as they arrive, before any {@link #hold()} keeps them waiting. */
  final Semaphore arrivals = new Semaphore(0);
  private volatile CountDownLatch gate = new CountDownLatch(0);

  KlaviyoStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    // Requests are answered concurrently, so that two held turns can both be waiting.
    server.setExecutor(threads);
    server.start();
  }

  /** Keeps every request waiting (up to 30 s) until {@link #release()}, to have turns in flight. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      arrivals.release();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.getRequestBody().readAllBytes();
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      seen.add(new Seen(route, exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("revision")));
      String fixture =
          switch (route) {
            case "GET /api/accounts" -> "accounts.json";
            case "GET /api/metrics" -> "metrics-list.json";
            case "POST /api/campaign-values-reports" -> "campaign-values-report.json";
            case "GET /api/campaigns" ->
                query != null && query.contains("page%5Bcursor%5D") ? "campaigns-list-page2.json" : "campaigns-list-page1.json";
            default -> null;
          };
      byte[] body =
          fixture == null
              ? "{\"errors\":[{\"status\":\"404\",\"code\":\"not_found\",\"detail\":\"no such route in the stand-in\"}]}"
                  .getBytes(StandardCharsets.UTF_8)
              : fixture(fixture);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.api+json");
      exchange.getResponseHeaders().add("X-Request-ID", "standin-" + ids.incrementAndGet());
      exchange.sendResponseHeaders(fixture == null ? 404 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = KlaviyoStandIn.class.getResourceAsStream("/klaviyo-stand-in/" + name)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + name + " is missing from the test classpath");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
