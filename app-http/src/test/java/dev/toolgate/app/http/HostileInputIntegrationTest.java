package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

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
