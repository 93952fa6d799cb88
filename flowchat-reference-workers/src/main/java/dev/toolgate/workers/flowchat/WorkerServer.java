package dev.toolgate.workers.flowchat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker on its own loopback port, with what every worker of the contract does the same way:
 * {@code GET /health} (no auth), {@code X-Request-ID} echoed (or generated), {@code
 * X-FlowChat-Worker-Auth} checked in constant time when a key is configured, {@code
 * Idempotency-Key} honoured on writes, and errors as {@code {code, message, request_id}}.
 */
final class WorkerServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WorkerServer.class.getName());
  static final String AUTH_HEADER = "X-FlowChat-Worker-Auth";

  /** A handler for one route. */
  @FunctionalInterface
  interface Handler {
    WorkerResponse handle(WorkerRequest request);
  }

  /**
   * @param path exact path, or a prefix when it ends with "/"
   * @param open served without the worker auth header (public file URLs)
   * @param idempotent honours {@code Idempotency-Key}
   */
  record Route(String method, String path, boolean open, boolean idempotent, Handler handler) {
    static Route write(String method, String path, Handler handler) {
      return new Route(method, path, false, true, handler);
    }

    static Route read(String method, String path, Handler handler) {
      return new Route(method, path, false, false, handler);
    }

    static Route publicRead(String path, Handler handler) {
      return new Route("GET", path, true, false, handler);
    }

    boolean matchesPath(String p) {
      return path.endsWith("/") ? p.startsWith(path) && p.length() > path.length() : p.equals(path);
    }
  }

  private final String name;
  private final byte[] authKey;
  private final IdempotencyStore idempotency;
  private final List<Route> routes;
  private final HttpServer server;
  private final ExecutorService executor;

  WorkerServer(String name, String host, int port, String authKey, IdempotencyStore idempotency, List<Route> routes) {
    this.name = name;
    this.authKey = authKey == null ? null : authKey.getBytes(StandardCharsets.UTF_8);
    this.idempotency = idempotency;
    this.routes = List.copyOf(routes);
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the " + name + " worker on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "flowchat-" + name + "-worker");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + hostForUri(a) + ":" + a.getPort());
  }

  static String hostForUri(InetSocketAddress a) {
    String h = a.getAddress().getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  private void serve(HttpExchange exchange) throws IOException {
    String requestId = header(exchange, "X-Request-ID");
    if (requestId == null || requestId.isBlank()) {
      requestId = UUID.randomUUID().toString();
    }
    WorkerResponse response;
    try {
      response = dispatch(exchange, requestId);
    } catch (WorkerException e) {
      response = error(e.status(), e.code(), e.getMessage(), requestId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + " worker failed on request " + requestId, e);
      response = error(500, "internal_error", name + " worker failed: " + e.getMessage(), requestId);
    }
    send(exchange, response, requestId);
  }

  private WorkerResponse dispatch(HttpExchange exchange, String requestId) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/health")) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        throw new WorkerException(405, "method_not_allowed", "use GET on /health");
      }
      return WorkerResponse.ok(Map.of("status", "ok", "worker", name, "version", ReferenceWorkers.VERSION,
          "reference", true));
    }
    List<Route> onPath = new ArrayList<>();
    for (Route r : routes) {
      if (r.matchesPath(path)) {
        onPath.add(r);
      }
    }
    if (onPath.isEmpty()) {
      throw WorkerException.notFound("the " + name + " worker has no endpoint " + path);
    }
    Route route = onPath.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow(
        () -> new WorkerException(405, "method_not_allowed",
            method + " is not allowed on " + path + "; use " + onPath.get(0).method()));
    if (!route.open()) {
      checkAuth(header(exchange, AUTH_HEADER));
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String tail = route.path().endsWith("/") ? path.substring(route.path().length()) : "";
    String key = header(exchange, "Idempotency-Key");
    if (key != null && key.isBlank()) {
      throw WorkerException.badRequest("Idempotency-Key header is empty");
    }
    WorkerRequest request = new WorkerRequest(method, path, tail, body, requestId, key);
    if (route.idempotent() && key != null) {
      return idempotency.run(name, request, () -> route.handler().handle(request));
    }
    return route.handler().handle(request);
  }

  private void checkAuth(String presented) {
    if (authKey == null) {
      return;
    }
    if (presented == null) {
      throw new WorkerException(401, "unauthorized", "missing " + AUTH_HEADER + " header");
    }
    if (!MessageDigest.isEqual(authKey, presented.getBytes(StandardCharsets.UTF_8))) {
      // Never echo what was presented: it may be a real key sent to the wrong worker.
      throw new WorkerException(401, "unauthorized", "wrong " + AUTH_HEADER + " header");
    }
  }

  private static WorkerResponse error(int status, String code, String message, String requestId) {
    return WorkerResponse.json(status, Map.of("code", code, "message", message, "request_id", requestId));
  }

  private static void send(HttpExchange exchange, WorkerResponse response, String requestId) throws IOException {
    exchange.getResponseHeaders().set("X-Request-ID", requestId);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length == 0 ? -1 : response.body().length);
    if (!head) {
      exchange.getResponseBody().write(response.body());
    }
    exchange.close();
  }

  static String header(HttpExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
