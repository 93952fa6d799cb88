package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Supabase's {@code POST|GET {SUPABASE_URL}/rest/v1/rpc/{function}}: the
 * gateway's {@code apikey} check, then PostgREST's rules and error bodies ({@code code, message,
 * details, hint}, {@code Proxy-Status}) for unknown functions or arguments (404 PGRST202), bad JSON
 * (400 PGRST102), bad values (400 22P02), wrong methods (405 PGRST101) and JWTs that are not JWTs
 * (401 PGRST301). See {@code shared/reference/supabase-rpc/README.md} §7.
 */
final class RpcEndpoint implements AutoCloseable {
  private static final String PREFIX = "/rest/v1/rpc/";
  private static final Set<String> RESERVED_QUERY = Set.of("select", "order", "limit", "offset", "apikey");

  /** A PostgREST error response. */
  static final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String details;
    final String hint;

    RpcError(int status, String code, String message, String details, String hint) {
      super(message);
      this.status = status;
      this.code = code;
      this.details = details;
      this.hint = hint;
    }
  }

  /** A response of the Supabase API gateway in front of PostgREST: {message, hint} only. */
  private static final class GatewayError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String hint;

    GatewayError(String message, String hint) {
      super(message);
      this.hint = hint;
    }
  }

  private final WorkerDatabase db;
  private final RpcFunctions functions;
  private final byte[] apiKey;
  private final HttpServer server;
  private final ExecutorService executor;

  RpcEndpoint(WorkerDatabase db, RpcFunctions functions, String host, int port, String apiKey) {
    this.db = db;
    this.functions = functions;
    this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the RPC endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "flowchat-rpc");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + WorkerServer.hostForUri(a) + ":" + a.getPort());
  }

  private void serve(HttpExchange ex) throws IOException {
    String requestId = ex.getRequestHeaders().getFirst("X-Request-ID");
    ex.getResponseHeaders().set("X-Request-ID", requestId == null ? UUID.randomUUID().toString() : requestId);
    try {
      String path = ex.getRequestURI().getRawPath();
      if (path.equals("/health")) {
        send(ex, 200, Json.bytes(Map.of("status", "ok", "worker", "rpc", "version", ReferenceWorkers.VERSION,
            "reference", true)), null);
        return;
      }
      Map<String, String> query = query(ex.getRequestURI());
      checkKeys(ex, query);
      if (!path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
        throw new RpcError(404, "PGRST125", "Invalid path specified in request URL", null, null);
      }
      String method = ex.getRequestMethod();
      if (!Set.of("GET", "HEAD", "POST").contains(method)) {
        throw new RpcError(405, "PGRST101", "Cannot use the " + method + " method on RPC", null, null);
      }
      String name = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
      Map<String, JsonNode> given = arguments(ex, method, query);
      RpcFunctions.Function fn = functions.find(name);
      if (fn == null) {
        throw noFunction(name, given.keySet(), method, null);
      }
      Map<String, Object> args = bind(fn, given, method);
      JsonNode result = db.transaction(d -> fn.body().call(d, args));
      String range = result.isArray() ? (result.isEmpty() ? "*/*" : "0-" + (result.size() - 1) + "/*") : "0-0/*";
      ex.getResponseHeaders().set("Content-Range", range);
      send(ex, 200, Json.bytes(result), null);
    } catch (RpcError e) {
      ObjectNode body = Json.object();
      body.put("code", e.code);
      body.put("message", e.getMessage());
      body.put("details", e.details);
      body.put("hint", e.hint);
      ex.getResponseHeaders().set("Proxy-Status", "PostgREST; error=" + e.code);
      if (e.status == 401) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      }
      send(ex, e.status, Json.bytes(body), null);
    } catch (GatewayError e) {
      ObjectNode body = Json.object();
      body.put("message", e.getMessage());
      body.put("hint", e.hint);
      send(ex, 401, Json.bytes(body), null);
    } catch (RuntimeException e) {
      // What Postgres would call an internal error: no details leak, the code says "server side".
      ObjectNode body = Json.object();
      body.put("code", "XX000");
      body.put("message", "internal error in the reference RPC endpoint: " + e.getMessage());
      body.putNull("details");
      body.putNull("hint");
      ex.getResponseHeaders().set("Proxy-Status", "PostgREST; error=XX000");
      send(ex, 500, Json.bytes(body), null);
    }
  }

  private void checkKeys(HttpExchange ex, Map<String, String> query) {
    String key = ex.getRequestHeaders().getFirst("apikey");
    if (key == null) {
      key = query.get("apikey");
    }
    if (key == null || key.isEmpty()) {
      throw new GatewayError("No API key found in request", "No `apikey` request header or url param was found.");
    }
    if (apiKey != null && !MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8))) {
      throw new GatewayError("Invalid API key", "Double check your Supabase `anon` or `service_role` API key.");
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      String token = auth.substring("Bearer ".length()).strip();
      // The gateway tolerates Bearer <apikey>; anything else reaches PostgREST, which wants a JWT.
      if (!token.equals(key)) {
        int parts = token.isEmpty() ? 0 : token.split("\\.", -1).length;
        if (parts != 3) {
          throw new RpcError(401, "PGRST301", "Expected 3 parts in JWT; got " + parts, null, null);
        }
      }
    }
  }

  private static Map<String, JsonNode> arguments(HttpExchange ex, String method, Map<String, String> query)
      throws IOException {
    Map<String, JsonNode> args = new LinkedHashMap<>();
    if (method.equals("POST")) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      JsonNode node;
      try {
        node = Json.parse(body);
      } catch (IOException e) {
        throw new RpcError(400, "PGRST102", "Empty or invalid json", null, null);
      }
      if (!node.isObject()) {
        throw new RpcError(400, "PGRST102", "Empty or invalid json", null, null);
      }
      node.fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue()));
    } else {
      query.forEach((k, v) -> {
        if (!RESERVED_QUERY.contains(k)) {
          args.put(k, Json.MAPPER.getNodeFactory().textNode(v));
        }
      });
    }
    return args;
  }

  private static Map<String, Object> bind(RpcFunctions.Function fn, Map<String, JsonNode> given, String method) {
    Set<String> known = new TreeSet<>(RpcFunctions.names(fn.params()));
    boolean missing = fn.params().stream().anyMatch(p -> p.required() && !given.containsKey(p.name()));
    if (!known.containsAll(given.keySet()) || missing) {
      throw noFunction(fn.name(), given.keySet(), method, known);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    for (RpcFunctions.Param p : fn.params()) {
      JsonNode v = given.get(p.name());
      args.put(p.name(), v == null || v.isNull() ? null : coerce(p.type(), v));
    }
    return args;
  }

  private static Object coerce(RpcFunctions.Type type, JsonNode v) {
    String text = v.isTextual() ? v.asText() : v.toString();
    try {
      return switch (type) {
        case TEXT -> text;
        case INT -> {
          if (v.isIntegralNumber() && v.canConvertToInt()) {
            yield v.asInt();
          }
          yield Integer.parseInt(text.strip());
        }
        case BOOL -> {
          if (v.isBoolean()) {
            yield v.asBoolean();
          }
          if (Set.of("true", "t", "yes", "on", "1").contains(text.toLowerCase(java.util.Locale.ROOT))) {
            yield true;
          }
          if (Set.of("false", "f", "no", "off", "0").contains(text.toLowerCase(java.util.Locale.ROOT))) {
            yield false;
          }
          throw new IllegalArgumentException();
        }
        case DATE -> LocalDate.parse(text.strip());
        case UUID -> java.util.UUID.fromString(text.strip()).toString();
      };
    } catch (RuntimeException e) {
      String pgType = switch (type) {
        case TEXT -> "text";
        case INT -> "integer";
        case BOOL -> "boolean";
        case DATE -> "date";
        case UUID -> "uuid";
      };
      throw new RpcError(400, "22P02", "invalid input syntax for type " + pgType + ": \"" + text + "\"", null, null);
    }
  }

  private static RpcError noFunction(String name, Set<String> keys, String method, Set<String> real) {
    String sorted = String.join(", ", new TreeSet<>(keys));
    String fq = "public." + name;
    String message = keys.isEmpty()
        ? "Could not find the function " + fq + " without parameters in the schema cache"
        : "Could not find the function " + fq + "(" + sorted + ") in the schema cache";
    String searched = keys.isEmpty() ? "without parameters" : "with parameters " + sorted;
    String details = "Searched for the function " + fq + " " + searched
        + (method.equals("POST") ? " or with a single unnamed json/jsonb parameter" : "")
        + ", but no matches were found in the schema cache.";
    String hint = real == null ? null : "Perhaps you meant to call the function " + fq + "(" + String.join(", ", real) + ")";
    return new RpcError(404, "PGRST202", message, details, hint);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, byte[] body, String contentType) throws IOException {
    ex.getResponseHeaders().set("Content-Type", contentType == null ? "application/json; charset=utf-8" : contentType);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
