package dev.toolgate.adapter.flowchat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A fault-injecting stand-in for one worker (JDK HttpServer on loopback): answers scripted faults per
 * {@code METHOD path} first, then forwards to a real worker when one is given, else answers 200 with a
 * scripted default body. Records every request it saw.
 */
final class FaultyWorker implements AutoCloseable {
  /** One scripted answer; {@code delayMillis} before answering simulates a slow worker. */
  record Fault(int status, String body, long delayMillis) {
    static Fault status(int status) {
      return new Fault(status, "{\"code\":\"internal_error\",\"message\":\"injected " + status + "\"}", 0);
    }
  }

  /** A request as the stand-in received it. */
  record Hit(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final URI upstream;
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, Fault> always = new ConcurrentHashMap<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();
  private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade", "http2-settings", "expect");

  FaultyWorker(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next requests to {@code route} ({@code "POST /send"}) get these faults, in order. */
  FaultyWorker fail(String route, Fault... next) {
    faults.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(next));
    return this;
  }

  /** Every request to {@code route} gets this fault. */
  FaultyWorker failAlways(String route, Fault fault) {
    always.put(route, fault);
    return this;
  }

  /** Without an upstream, requests to {@code route} get 200 with this body. */
  FaultyWorker answer(String route, String json) {
    answers.put(route, json);
    return this;
  }

  List<Hit> hits(String route) {
    synchronized (hits) {
      return hits.stream().filter(h -> (h.method() + " " + h.path()).startsWith(route)).toList();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
    hits.add(new Hit(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        Map.copyOf(exchange.getRequestHeaders()), body));
    Deque<Fault> queue = faults.get(route);
    Fault fault = queue == null ? null : queue.poll();
    if (fault == null) {
      fault = always.get(route);
    }
    try {
      if (fault != null) {
        Thread.sleep(fault.delayMillis());
        send(exchange, fault.status(), fault.body());
      } else if (upstream != null) {
        forward(exchange, body);
      } else {
        send(exchange, 200, answers.getOrDefault(route, "{}"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException closedByClient) {
      // the adapter gave up waiting (timeout test)
    } catch (RuntimeException e) {
      // A bug in the stand-in itself: answer it plainly rather than dropping the connection.
      send(exchange, 500, "{\"code\":\"internal_error\",\"message\":\"stand-in: " + e + "\"}");
    } finally {
      exchange.close();
    }
  }

  private void forward(HttpExchange exchange, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
        .method(exchange.getRequestMethod(), body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP.contains(name.toLowerCase())) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    send(exchange, response.statusCode(), response.body());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
