package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Thousands of generated hostile requests against a real server: every REST route (admin ones
 * included) with a key of each role and none, and {@code /mcp} JSON-RPC messages inside real sessions,
 * with mutated JSON, numbers, strings, headers, content types, paths, escapes and query parameters.
 * No answer may be a 5xx or carry a stack trace, nothing may be logged at ERROR, and the server must
 * be healthy with a valid audit chain afterwards.
 *
 * <p>The cases come from a fixed seed, printed with every failure; rerun one with
 * {@code -Dtoolgate.fuzz.seed=N} (and {@code -Dtoolgate.fuzz.cases=N} for more or fewer cases). Requests
 * go over raw sockets, as written, since an HTTP client would refuse to send many of them.
 */
class HostileInputFuzzIntegrationTest {
  private static final long SEED = Long.getLong("toolgate.fuzz.seed", 20_261_207L);
  private static final int CASES = Integer.getInteger("toolgate.fuzz.cases", 3_200);
  private static final int THREADS = 4;
  private static final Pattern STACK_TRACE =
      Pattern.compile("\\bat (dev|java|io|org|com|jdk)\\.[\\w$.]+\\(|Exception:|\"stackTrace\"");

  private static final String[] TOOLS = {
    "search_customer", "create_ticket", "get_ticket", "list_tickets", "update_ticket", "send_message",
    "issue_refund", "no_such_tool", "", "..", "%u002e%u002e", "x".repeat(300), "tool with space", "ünïcødé"
  };
  private static final String[][] REST = {
    {"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/health"},
    {"GET", "/mcp/tools"}, {"GET", "/mcp/tools/list"}, {"GET", "/mcp/tools/{tool}/schema"},
    {"POST", "/mcp/tools/call"}, {"POST", "/tools/{tool}"},
    {"GET", "/approvals"}, {"GET", "/approvals/{id}"}, {"POST", "/confirm/{id}"},
    {"GET", "/audit"}, {"GET", "/audit/export"}, {"GET", "/audit/verify"}, {"GET", "/usage"},
    {"POST", "/admin/keys"}, {"GET", "/admin/keys"}, {"DELETE", "/admin/keys/{id}"},
    {"POST", "/chat"}, {"GET", "/clients"}, {"PUT", "/admin/clients/{id}"},
    {"PATCH", "/tools/{tool}"}, {"HEAD", "/audit"}, {"OPTIONS", "/tools/{tool}"}, {"GET", "/{id}"},
  };
  private static final String[] QUERY_NAMES = {
    "since", "until", "from", "to", "limit", "after_seq", "tool", "key_id", "client_key", "outcome", "status", "cursor"
  };
  private static final String[] MCP_METHODS = {
    "initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read",
    "prompts/list", "prompts/get", "completion/complete", "logging/setLevel", "notifications/initialized",
    "notifications/cancelled", "nope/nope", "resources/subscribe"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json; charset=utf-8", "application/json; charset=bogus", "text/plain",
    "application/x-www-form-urlencoded", "application/json; charset=\"", "", "multipart/form-data; boundary=x",
    "application/json; charset=utf-16", "*/*"
  };

  @TempDir static Path workDir;

  @Test
  void thousandsOfHostileRequestsGetNoServerErrorAndNoStackTraceAndLeaveTheServerHealthy() throws Exception {
    try (TestGateway gateway = TestGateway.start(workDir, Map.of())) {
      URI base = URI.create(gateway.base());
      List<String> keys = new ArrayList<>();
      keys.add(gateway.adminKey);
      for (String role : new String[] {"agent", "operator", "approver"}) {
        keys.add(gateway.createKey("fuzz-" + role, role).secret());
      }
      keys.add(null);
      keys.add("tg_zzzzzzzzzzzz_" + "A".repeat(43));
      List<String> sessions = new ArrayList<>();
      for (String key : keys.subList(0, 4)) {
        sessions.add(openSession(base, key));
      }
      Fuzz fuzz = new Fuzz(base, keys, sessions);

      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      // Client mistakes are not server errors: none may be logged at ERROR.
      Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      root.addAppender(logs);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          running.add(pool.submit(() -> {
            for (int i = thread; i < CASES && failures.size() < 20; i += THREADS) {
              String failure = fuzz.run(i);
              if (failure != null) {
                failures.add("case " + i + ": " + failure);
              }
            }
          }));
        }
        for (Future<?> future : running) {
          future.get();
        }
      } finally {
        pool.shutdownNow();
        root.detachAppender(logs);
      }

      assertThat(List.copyOf(logs.list))
          .as("seed %d", SEED)
          .filteredOn(event -> event.getLevel() == Level.ERROR)
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
      assertThat(failures).as("seed %d (rerun with -Dtoolgate.fuzz.seed=%d)", SEED, SEED).isEmpty();
      assertThat(gateway.get("/healthz", null).status()).as("seed %d", SEED).isEqualTo(200);
      TestGateway.Reply verify = gateway.get("/audit/verify", gateway.adminKey);
      assertThat(verify.json().path("valid").asBoolean()).as("seed %d: %s", SEED, verify.raw()).isTrue();
    }
  }

  /** Generates case {@code i} from the seed alone, so any case can be replayed. */
  private record Fuzz(URI base, List<String> keys, List<String> sessions) {
    String run(int i) {
      Random random = new Random(SEED * 1_000_003L + i);
      String request = random.nextInt(3) == 0 ? mcp(random) : rest(random);
      String response;
      try {
        response = send(base, request);
      } catch (IOException e) {
        return "no answer (" + e + ") to " + shorten(request);
      }
      if (response.length() < 12 || !response.startsWith("HTTP/1.1 ")) {
        return "not an HTTP answer to " + shorten(request) + ": " + shorten(response);
      }
      int status = Integer.parseInt(response.substring(9, 12));
      if (status >= 500) {
        return "status " + status + " for " + shorten(request) + " -> " + shorten(response);
      }
      if (STACK_TRACE.matcher(response).find()) {
        return "stack trace in the answer to " + shorten(request) + " -> " + shorten(response);
      }
      return null;
    }

    private String rest(Random random) {
      String[] route = REST[random.nextInt(REST.length)];
      String method = random.nextInt(20) == 0 ? pick(random, "GET", "POST", "PUT", "DELETE", "PATCH", "TRACE") : route[0];
      String path =
          route[1].replace("{tool}", pathSegment(random, TOOLS[random.nextInt(TOOLS.length)]))
              .replace("{id}", pathSegment(random, junkText(random)));
      String query = random.nextInt(3) == 0 ? query(random) : "";
      String body = "GET".equals(method) || "DELETE".equals(method) || "HEAD".equals(method)
          ? (random.nextInt(10) == 0 ? json(random, 0) : "")
          : body(random, route[1]);
      return request(random, method, path + query, body, keys.get(random.nextInt(keys.size())), null);
    }

    private String mcp(Random random) {
      int who = random.nextInt(keys.size());
      String session = who < sessions.size() && random.nextInt(8) != 0 ? sessions.get(who) : pick(random, null, "no-such-session", junkText(random));
      String method = MCP_METHODS[random.nextInt(MCP_METHODS.length)];
      StringBuilder message = new StringBuilder("{");
      if (random.nextInt(12) != 0) {
        message.append("\"jsonrpc\":").append(random.nextInt(10) == 0 ? pick(random, "\"1.0\"", "2", "null", "\"2.0 \"") : "\"2.0\"");
      } else {
        message.append("\"jsonrpc\":\"2.0\"");
      }
      if (!method.startsWith("notifications/") || random.nextInt(5) == 0) {
        message.append(",\"id\":").append(random.nextInt(6) == 0 ? json(random, 2) : String.valueOf(random.nextInt(1_000_000)));
      }
      message.append(",\"method\":").append(random.nextInt(15) == 0 ? json(random, 2) : quote(method));
      if (random.nextInt(6) != 0) {
        message.append(",\"params\":").append(params(random, method));
      }
      if (random.nextInt(10) == 0) {
        message.append(",\"result\":").append(json(random, 1));
      }
      message.append('}');
      String text = switch (random.nextInt(14)) {
        case 0 -> "null";
        case 1 -> "[" + message + "]";
        case 2 -> message.substring(0, random.nextInt(message.length()));
        case 3 -> json(random, 0);
        default -> message.toString();
      };
      // A GET with a live session would open an endless event stream; DELETE would end a shared session.
      String httpMethod = random.nextInt(25) == 0 ? pick(random, "PUT", "PATCH", "GET") : "POST";
      if (!"POST".equals(httpMethod)) {
        session = "no-such-session";
      }
      return request(random, httpMethod, "/mcp", text, keys.get(who), session);
    }

    private static String params(Random random, String method) {
      if (random.nextInt(8) == 0) {
        return json(random, 0);
      }
      StringBuilder params = new StringBuilder("{");
      switch (method) {
        case "initialize" -> params.append("\"protocolVersion\":").append(random.nextInt(3) == 0 ? json(random, 1) : "\"2025-11-25\"")
            .append(",\"capabilities\":").append(random.nextInt(3) == 0 ? json(random, 1) : "{}")
            .append(",\"clientInfo\":").append(random.nextInt(3) == 0 ? json(random, 1) : "{\"name\":\"fuzz\",\"version\":\"1\"}");
        case "tools/call" -> params.append("\"name\":").append(random.nextInt(4) == 0 ? json(random, 1) : quote(TOOLS[random.nextInt(TOOLS.length)]))
            .append(",\"arguments\":").append(arguments(random));
        case "prompts/get" -> params.append("\"name\":").append(random.nextInt(3) == 0 ? json(random, 1) : quote(junkText(random)))
            .append(",\"arguments\":").append(random.nextInt(2) == 0 ? "{\"a\":" + json(random, 1) + "}" : json(random, 1));
        case "resources/read", "resources/subscribe" -> params.append("\"uri\":")
            .append(random.nextInt(3) == 0 ? json(random, 1) : quote(pick(random, "toolgate://", "file:///etc/passwd", junkText(random))));
        case "completion/complete" -> params.append("\"ref\":").append(json(random, 1)).append(",\"argument\":").append(json(random, 1));
        case "logging/setLevel" -> params.append("\"level\":").append(random.nextInt(2) == 0 ? "\"debug\"" : json(random, 1));
        default -> params.append("\"cursor\":").append(json(random, 1));
      }
      return params.append('}').toString();
    }

    private static String body(Random random, String route) {
      return switch (random.nextInt(10)) {
        case 0 -> "";
        case 1 -> json(random, 0);
        case 2 -> "{\"" + junkText(random) + "\":" + json(random, 1) + "}";
        case 3 -> "{" + "[".repeat(random.nextInt(2_000)) + "}";
        default -> {
          if (route.startsWith("/tools/")) {
            yield arguments(random);
          }
          if (route.equals("/mcp/tools/call")) {
            yield "{\"tool_name\":" + quote(TOOLS[random.nextInt(TOOLS.length)]) + ",\"params\":" + arguments(random) + "}";
          }
          if (route.equals("/admin/keys")) {
            yield "{\"name\":" + value(random) + ",\"roles\":" + pick(random, "[\"agent\"]", "[\"admin\",\"x\"]", value(random))
                + ",\"client_key\":" + value(random) + ",\"rate_limit\":" + value(random) + "}";
          }
          if (route.startsWith("/admin/clients")) {
            yield "{\"display_name\":" + value(random) + ",\"time_zone\":" + value(random) + ",\"klaviyo_api_key\":"
                + pick(random, quote("k".repeat(5_000)), value(random)) + ",\"rate_limit\":" + value(random) + "}";
          }
          if (route.startsWith("/confirm")) {
            yield "{\"decision\":" + pick(random, "\"approve\"", "\"reject\"", value(random)) + ",\"reason\":" + value(random) + "}";
          }
          if (route.equals("/chat")) {
            yield "{\"client_key\":" + pick(random, "\"demo\"", value(random)) + ",\"text\":" + value(random)
                + ",\"session_id\":" + value(random) + "}";
          }
          yield json(random, 0);
        }
      };
    }

    private static String arguments(Random random) {
      if (random.nextInt(6) == 0) {
        return json(random, 0);
      }
      StringBuilder args = new StringBuilder("{");
      String[] fields = {"query", "customer_id", "subject", "priority", "ticket_id", "status", "body", "amount", "limit", "cursor"};
      int n = random.nextInt(5);
      for (int f = 0; f < n; f++) {
        if (f > 0) {
          args.append(',');
        }
        args.append(quote(random.nextInt(8) == 0 ? junkText(random) : fields[random.nextInt(fields.length)]))
            .append(':').append(value(random));
      }
      return args.append('}').toString();
    }

    /** A JSON value: scalars of every kind, hostile numbers and strings, shallow or very deep nesting. */
    private static String json(Random random, int depth) {
      int kind = random.nextInt(depth > 2 ? 8 : 11);
      return switch (kind) {
        case 8 -> "{" + quote(junkText(random)) + ":" + json(random, depth + 1) + "}";
        case 9 -> "[" + json(random, depth + 1) + "," + json(random, depth + 1) + "]";
        case 10 -> "[".repeat(60 + random.nextInt(1_000)) + "]".repeat(random.nextInt(2) == 0 ? 0 : 1_100);
        default -> value(random);
      };
    }

    private static String value(Random random) {
      return switch (random.nextInt(12)) {
        case 0 -> "null";
        case 1 -> pick(random, "true", "false");
        case 2 -> pick(random, "1e400", "-1e400", "1e-400", "-0", "NaN", "Infinity", "0x10", "01");
        case 3 -> pick(random, "99999999999999999999999999999", "-9223372036854775809", "-1", "0", "1.5", "2147483648");
        case 4 -> quote(pick(random, "low", "high", "urgent", "open", "cus_001", "demo", "acme", "30/minute", "Europe/Berlin"));
        case 5 -> quote("x".repeat(random.nextInt(20_000)));
        case 6 -> "{}";
        case 7 -> "[]";
        case 8 -> pick(random, "\"unterminated", "{\"a\":}", "tru", "[1,]", "{'single':1}", "\"\\ud800\"", "\"\\u0000\"");
        default -> quote(junkText(random));
      };
    }

    /** Short text with unicode, control characters, escapes, quotes, path and SQL specials. */
    private static String junkText(Random random) {
      String[] parts = {
        "a", "Z", "0", "_", "-", " ", "é", "😀", "\u202e", "\u0000", "\u0007", "\n", "\t", "%", "%00", "%u002e", "%2F",
        "..", "/", "\\", "'", "\"", ";", "--", "<script>", "${jndi:x}", "%s", "\uFEFF", "BAD KEY", "acme", "demo",
        "cus_001", "2026-01-01", "+999999999-01-01", "-999999999-01-01"
      };
      StringBuilder out = new StringBuilder();
      int n = 1 + random.nextInt(6);
      for (int p = 0; p < n; p++) {
        out.append(parts[random.nextInt(parts.length)]);
      }
      return out.toString();
    }

    private static String query(Random random) {
      StringBuilder query = new StringBuilder("?");
      int n = 1 + random.nextInt(3);
      for (int q = 0; q < n; q++) {
        if (q > 0) {
          query.append('&');
        }
        query.append(QUERY_NAMES[random.nextInt(QUERY_NAMES.length)]).append('=').append(urlish(random,
            pick(random, "2026-01-01", "+999999999-01-01", "-999999999-01-01", "2026-13-45T99:00:00Z", "-1",
                "99999999999999999999", "abc", "", "%zz", "%u002e", junkText(random))));
      }
      return query.toString();
    }

    /** Path text as a client might send it: mostly percent-encoded, sometimes raw or with broken escapes. */
    private static String pathSegment(Random random, String text) {
      return urlish(random, text);
    }

    private static String urlish(Random random, String text) {
      if (random.nextInt(4) == 0) {
        return text.replaceAll("[\\s\\p{Cntrl}]", "%20"); // raw, but no whitespace in a request line
      }
      StringBuilder out = new StringBuilder();
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if (c == '%' && random.nextInt(3) == 0) {
          out.append('%'); // a broken escape, such as %u002e or %zz
        } else if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
          out.append(c);
        } else {
          out.append(String.format("%%%02X", b & 0xff));
        }
      }
      return out.toString();
    }

    private String request(Random random, String method, String target, String body, String key, String session) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
      if (key != null) {
        head.append(switch (random.nextInt(4)) {
          case 0 -> "X-API-Key: " + key;
          case 1 -> "X-Proxy-Key: " + key;
          default -> "Authorization: Bearer " + key;
        }).append("\r\n");
      }
      if (random.nextInt(10) == 0) {
        head.append(pick(random, "Authorization: Basic Zm9vOmJhcg==", "Authorization: Bearer", "X-API-Key: ",
            "X-Request-ID: " + "r".repeat(300), "Idempotency-Key: " + "k".repeat(random.nextInt(600)),
            "Origin: http://evil.example", "Accept: text/html", "Mcp-Protocol-Version: 1999-01-01",
            "Content-Length: 5", "Idempotency-Key: \u00e9t\u00e9")).append("\r\n");
      }
      if (target.startsWith("/mcp") && random.nextInt(15) != 0) {
        head.append("Accept: application/json, text/event-stream\r\n");
      }
      if (session != null) {
        head.append("Mcp-Session-Id: ").append(session.replaceAll("[\\r\\n]", "")).append("\r\n");
      }
      if (!body.isEmpty() || random.nextInt(4) == 0) {
        String type = random.nextInt(4) == 0 ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : "application/json";
        head.append("Content-Type: ").append(type).append("\r\n");
      }
      head.append("Connection: close\r\n");
      boolean chunked = random.nextInt(15) == 0;
      if (chunked) {
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        String size = random.nextInt(2) == 0 ? "zz" : Integer.toHexString(bytes.length);
        return head + size + "\r\n" + body + "\r\n0\r\n\r\n";
      }
      head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
      return head + body;
    }

    private static String send(URI base, String request) throws IOException {
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        // Enough for the status line and any stack trace; a long answer is cut off here.
        byte[] answer = in.readNBytes(256 * 1024);
        return new String(answer, StandardCharsets.UTF_8);
      }
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
      return options[random.nextInt(options.length)];
    }

    private static String quote(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }

    private static String shorten(String text) {
      String flat = text.replace("\r\n", " | ");
      return flat.length() <= 600 ? flat : flat.substring(0, 600) + "…";
    }
  }

  /** Opens an MCP session for {@code key} over a raw socket and returns its id. */
  private static String openSession(URI base, String key) throws IOException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}";
    String request =
        "POST /mcp HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nX-API-Key: " + key
            + "\r\nAccept: application/json, text/event-stream\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    String response = Fuzz.send(base, request);
    assertThat(response).startsWith("HTTP/1.1 200");
    var matcher = Pattern.compile("(?im)^Mcp-Session-Id: *(\\S+)").matcher(response);
    assertThat(matcher.find()).as(response).isTrue();
    return matcher.group(1);
  }
}
