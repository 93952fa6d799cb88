package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.toolgate.app.http.TestGateway.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile input over REST and {@code /mcp} of a real server: each case gets a specific 4xx, never a
 * 500, and the server (its audit log in particular) still answers afterwards.
 */
class HostileInputIntegrationTest {
  private static final String ACCEPT = "application/json, text/event-stream";

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir, Map.of());
    agent = gateway.createKey("hostile-agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void jsonNestedAThousandDeepIsMalformedOverRestAndAuditStillAnswers() {
    String deep = "{\"query\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";

    Reply reply = gateway.post("/tools/search_customer", agent, deep);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("malformed_json");
    assertThat(reply.raw()).contains("nesting depth");
    assertThat(gateway.get("/audit", gateway.adminKey).status()).isEqualTo(200);
  }

  @Test
  void jsonNestedAThousandDeepIsRefusedOverMcpAndAuditStillAnswers() {
    String session = openMcpSession();
    String deep =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search_customer\","
            + "\"arguments\":{\"query\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}}}";

    Reply reply = gateway.send(rpc(session, deep));

    assertThat(reply.status()).as(reply.raw()).isBetween(400, 499);
    assertThat(gateway.get("/audit", gateway.adminKey).status()).isEqualTo(200);
  }

  @Test
  void nonFiniteNumberInAnEnumFieldIsInvalidArguments() {
    Reply reply =
        gateway.post(
            "/tools/create_ticket", agent,
            "{\"customer_id\":\"cus_001\",\"subject\":\"Overflow\",\"priority\":1e400}");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_arguments");
    assertThat(reply.raw()).contains("/priority").contains("finite");
  }

  @Test
  void nonFiniteNumberOverMcpIsNoServerError() {
    String session = openMcpSession();
    Reply reply =
        gateway.send(
            rpc(session,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"create_ticket\","
                    + "\"arguments\":{\"customer_id\":\"cus_001\",\"subject\":\"Overflow\",\"priority\":1e400}}}"));

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.raw()).contains("finite");
  }

  @Test
  void unknownCharsetIsABadRequestOverRest() {
    Reply reply =
        gateway.send(
            gateway.request("/tools/search_customer", agent)
                .header("Content-Type", "application/json; charset=bogus")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"acme\"}")));

    assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_request");
    assertThat(reply.raw()).contains("bogus");
  }

  @Test
  void unknownCharsetIsABadRequestOverMcp() {
    Reply reply =
        gateway.send(
            rpc(null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}",
                "application/json; charset=bogus"));

    assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
    assertThat(reply.raw()).contains("unsupported_charset");
  }

  @Test
  void percentUEscapesInAPathAreNoServerError() throws IOException {
    String tools = raw("POST /tools/%u002e%u002e HTTP/1.1", agent);
    String schema = raw("GET /mcp/tools/%u002e%u002e/schema HTTP/1.1", agent);

    assertThat(statusOf(tools)).as(tools).isBetween(400, 404);
    assertThat(statusOf(schema)).as(schema).isBetween(400, 404);
    assertThat(tools + schema).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void outOfRangeUsageDateIsForbiddenWithoutTheRoleAndABadRequestWithIt() {
    Reply agentReply = gateway.get("/usage?to=-999999999-01-01", agent);
    Reply adminReply = gateway.get("/usage?to=-999999999-01-01", gateway.adminKey);

    assertThat(agentReply.status()).as(agentReply.raw()).isEqualTo(403);
    assertThat(adminReply.status()).as(adminReply.raw()).isEqualTo(400);
    assertThat(adminReply.errorCode()).isEqualTo("invalid_request");
    assertThat(adminReply.raw()).contains("'to'");
  }

  @Test
  void outOfRangeAuditDatesAreABadRequest() {
    Reply query = gateway.get("/audit?since=%2B999999999-01-01", gateway.adminKey);
    Reply export = gateway.get("/audit/export?until=%2B999999999-01-01T00:00:00Z", gateway.adminKey);

    assertThat(query.status()).as(query.raw()).isEqualTo(400);
    assertThat(query.raw()).contains("'since'");
    assertThat(export.status()).as(export.raw()).isEqualTo(400);
    assertThat(export.raw()).contains("'until'");
  }

  @Test
  void headNeedsAKeyLikeGetButHealthDoesNot() {
    Reply audit = gateway.send(gateway.request("/audit", null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    Reply tools = gateway.send(gateway.request("/mcp/tools", null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    Reply health = gateway.send(gateway.request("/healthz", null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    Reply withKey =
        gateway.send(gateway.request("/audit", gateway.adminKey).method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(audit.status()).isEqualTo(401);
    assertThat(audit.header("WWW-Authenticate")).startsWith("Bearer realm=\"toolgate\"");
    assertThat(tools.status()).isEqualTo(401);
    assertThat(health.status()).isEqualTo(200);
    assertThat(withKey.status()).isEqualTo(200);
  }

  @Test
  void newKeyForAMalformedOrUnknownClientIsInvalid() {
    Reply malformed =
        gateway.post("/admin/keys", gateway.adminKey, "{\"name\":\"bad\",\"roles\":[\"agent\"],\"client_key\":\"BAD KEY\"}");
    Reply unknown =
        gateway.post("/admin/keys", gateway.adminKey, "{\"name\":\"bad\",\"roles\":[\"agent\"],\"client_key\":\"nobody\"}");

    for (Reply reply : new Reply[] {malformed, unknown}) {
      assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("invalid_request");
      assertThat(reply.json().path("error").path("details").path("errors").get(0).path("field").asText()).isEqualTo("/client_key");
    }
    assertThat(gateway.get("/admin/keys", gateway.adminKey).raw()).doesNotContain("BAD KEY").doesNotContain("nobody");
  }

  @Test
  void malformedChunkedBodyIsABadRequestOnRestAndMcpAndTheServerKeepsServing() throws IOException {
    String rest = chunked("/tools/search_customer");
    String mcp = chunked("/mcp");

    assertThat(statusOf(rest)).as(rest).isEqualTo(400);
    assertThat(rest).contains("unreadable_body");
    assertThat(statusOf(mcp)).as(mcp).isEqualTo(400);
    assertThat(mcp).contains("unreadable_body");
    assertThat(gateway.get("/healthz", null).status()).isEqualTo(200);
    assertThat(gateway.post("/tools/search_customer", agent, "{\"query\":\"acme\"}").status()).isEqualTo(200);
  }

  @Test
  void malformedMcpMessagesInASessionGetShortJsonRpcErrorsAndNoErrorLogWithTheirContent() {
    String session = openMcpSession();
    String marker = "hostile-marker-5e1f";
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("null", 400);
    expected.put("[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"m\":\"" + marker + "\"}}]", 400);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":\"" + marker + "\",\"result\":{}}", 400);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":1,\"message\":\"" + marker + "\"}}", 400);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"initialize\"}", 200);
    expected.put("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}", 400);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":\"" + marker + "\"},\"method\":\"ping\"}", 400);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":\"" + marker + "\"}", 200);
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{}}", 200);
    expected.put("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/" + marker + "\"}", 202);
    expected.put("{\"" + marker, 400);
    expected.put("{}", 400);
    ListAppender<ILoggingEvent> logs = captureLogs();
    try {
      for (Map.Entry<String, Integer> message : expected.entrySet()) {
        Reply reply = gateway.send(rpc(session, message.getKey()));

        assertThat(reply.status()).as(message.getKey() + " -> " + reply.raw()).isEqualTo(message.getValue());
        assertThat(reply.raw()).as(message.getKey()).doesNotContain("stackTrace").doesNotContain("\tat ");
        if (reply.status() != 202) {
          assertThat(reply.json().path("error").path("code").isInt()).as(reply.raw()).isTrue();
          assertThat(reply.json().path("error").path("data").path("code").asText()).as(reply.raw()).isNotBlank();
        }
      }
      Reply unknownMethod = gateway.send(rpc(session, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"no/such\"}"));
      assertThat(unknownMethod.status()).isEqualTo(200);
      assertThat(unknownMethod.raw()).contains("-32601");
    } finally {
      detach(logs);
    }
    assertThat(logs.list).noneMatch(event -> event.getLevel() == Level.ERROR);
    assertThat(logs.list).noneMatch(event -> event.getFormattedMessage().contains(marker));
    assertThat(gateway.send(rpc(session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}")).status()).isEqualTo(200);
  }

  @Test
  void sdkRefusalsOutsideASessionCarryNoStackTrace() {
    Reply noSession = gateway.send(rpc(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
    Reply unknownSession = gateway.send(rpc("no-such-session", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));

    assertThat(noSession.status()).as(noSession.raw()).isEqualTo(400);
    assertThat(noSession.raw()).contains("Session ID required").doesNotContain("stackTrace");
    assertThat(unknownSession.status()).as(unknownSession.raw()).isEqualTo(404);
    assertThat(unknownSession.json().path("error").path("data").path("code").asText()).isEqualTo("session_not_found");
    assertThat(unknownSession.raw()).doesNotContain("stackTrace");
  }

  @Test
  void anEmptyCharsetAndAnUnsupportedMethodOnMcpAreClientErrors() {
    String session = openMcpSession();
    Reply emptyCharset =
        gateway.send(rpc(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", "application/json; charset=\""));
    Reply patch =
        gateway.send(rpc(session, "{}").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(emptyCharset.status()).as(emptyCharset.raw()).isEqualTo(400);
    assertThat(emptyCharset.raw()).contains("unsupported_charset");
    assertThat(patch.status()).as(patch.raw()).isEqualTo(405);
    assertThat(patch.header("Allow")).contains("POST");
  }

  @Test
  void overlongKlaviyoKeyIsABadRequestAtItsFieldAndWritesNothing() {
    Reply created =
        gateway.send(
            gateway.request("/admin/clients/longkey", gateway.adminKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"display_name\":\"Long Key\",\"klaviyo_api_key\":\"" + "k".repeat(5_000) + "\"}")));
    Reply badZone =
        gateway.send(
            gateway.request("/admin/clients/longkey", gateway.adminKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"display_name\":\"Long Key\",\"time_zone\":\"Mars/Olympus\",\"klaviyo_api_key\":\"pk_ok\"}")));

    assertThat(created.status()).as(created.raw()).isEqualTo(400);
    assertThat(created.errorCode()).isEqualTo("invalid_request");
    assertThat(created.json().path("error").path("details").path("errors").get(0).path("field").asText())
        .isEqualTo("/klaviyo_api_key");
    assertThat(created.raw()).doesNotContain("kkkkkkkk");
    assertThat(badZone.status()).as(badZone.raw()).isEqualTo(400);
    assertThat(badZone.raw()).contains("/time_zone");
    assertThat(gateway.get("/clients", gateway.adminKey).raw()).doesNotContain("longkey");
  }

  @Test
  void aClientThatStopsReadingTheAuditExportIsNoServerFailure() throws Exception {
    String query = "{\"query\":\"" + "q".repeat(3_000) + "\"}";
    for (int i = 0; i < 150; i++) {
      gateway.post("/tools/search_customer", agent, query);
    }
    assertThat(gateway.get("/audit/export", gateway.adminKey).raw().length()).isGreaterThan(400_000);
    URI base = URI.create(gateway.base());
    ListAppender<ILoggingEvent> logs = captureLogs();
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
          socket.getOutputStream().write(
              ("GET /audit/export HTTP/1.1\r\nHost: " + base.getHost() + "\r\nX-API-Key: " + gateway.adminKey
                      + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          assertThat(socket.getInputStream().readNBytes(100)).hasSize(100);
        } // closed with most of the export unread
      }
      Thread.sleep(1_000);
    } finally {
      detach(logs);
    }

    assertThat(logs.list).noneMatch(event -> event.getLevel() == Level.ERROR);
    assertThat(gateway.get("/healthz", null).status()).isEqualTo(200);
  }

  /** Records every event that reaches the root logger, whatever the configured level, until detached. */
  private static ListAppender<ILoggingEvent> captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    return appender;
  }

  private static void detach(ListAppender<ILoggingEvent> appender) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    appender.stop();
  }

  /** POSTs a chunked body whose chunk size is not hex, as written, and returns the whole response. */
  private static String chunked(String path) throws IOException {
    URI base = URI.create(gateway.base());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nX-API-Key: " + agent
                  + "\r\nContent-Type: application/json\r\nAccept: " + ACCEPT
                  + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends a request line as written (java.net.http refuses malformed escapes) and returns the whole
   * response text.
   */
  private static String raw(String requestLine, String key) throws IOException {
    URI base = URI.create(gateway.base());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine + "\r\nHost: " + base.getHost() + "\r\nX-API-Key: " + key
                  + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int statusOf(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  /** Initializes an MCP session over raw HTTP and returns its id. */
  private static String openMcpSession() {
    Reply init =
        gateway.send(
            rpc(null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}"));
    assertThat(init.status()).as(init.raw()).isEqualTo(200);
    String session = init.header("Mcp-Session-Id");
    assertThat(session).isNotBlank();
    return session;
  }

  private static HttpRequest.Builder rpc(String session, String body) {
    return rpc(session, body, "application/json");
  }

  private static HttpRequest.Builder rpc(String session, String body, String contentType) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gateway.base() + "/mcp"))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", ACCEPT)
            .header("X-API-Key", agent)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      builder.header("Mcp-Session-Id", session);
    }
    return builder;
  }
}
