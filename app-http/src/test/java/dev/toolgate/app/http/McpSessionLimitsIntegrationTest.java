package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP sessions are bounded: a cap per key ({@code TOOLGATE_MCP_MAX_SESSIONS_PER_KEY}) and an idle
 * timeout ({@code TOOLGATE_MCP_SESSION_IDLE_SECONDS}), with the count in {@code /readyz}. A real
 * server on loopback, raw Streamable HTTP {@code initialize} requests.
 */
class McpSessionLimitsIntegrationTest {
  private static final int CAP = 20;
  private static final int IDLE_SECONDS = 2;

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String flooder;
  static String other;

  @BeforeAll
  static void start() {
    gateway =
        TestGateway.start(
            workDir,
            Map.of(
                "TOOLGATE_MCP_MAX_SESSIONS_PER_KEY", String.valueOf(CAP),
                "TOOLGATE_MCP_SESSION_IDLE_SECONDS", String.valueOf(IDLE_SECONDS)));
    flooder = gateway.createKey("flooder", "agent").secret();
    other = gateway.createKey("other", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aThousandInitializeFromOneKeyNeverHoldMoreThanTheCap() {
    int opened = 0;
    int refused = 0;
    for (int i = 1; i <= 1000; i++) {
      TestGateway.Reply reply = gateway.send(initialize(flooder));
      if (reply.status() == 200) {
        opened++;
        assertThat(reply.header("Mcp-Session-Id")).isNotBlank();
      } else {
        refused++;
        assertThat(reply.status()).as(reply.raw()).isEqualTo(429);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("data").path("code").asText()).isEqualTo("too_many_sessions");
        assertThat(error.path("message").asText()).contains(String.valueOf(CAP)).contains("DELETE");
      }
      if (i % 50 == 0) {
        assertThat(openSessions()).as("open sessions after %d initialize", i).isLessThanOrEqualTo(CAP);
      }
    }

    assertThat(opened).isGreaterThanOrEqualTo(CAP);
    // Idle sweeps during the flood may free a few slots, never most of them.
    assertThat(refused).isGreaterThan(500);
    assertThat(gateway.send(initialize(other)).status()).as("the cap is per key").isEqualTo(200);
  }

  @Test
  void idleSessionsExpireAndLeaveTheCount() throws InterruptedException {
    assertThat(gateway.send(initialize(other)).status()).isEqualTo(200);
    assertThat(openSessions()).isPositive();

    long deadline = System.nanoTime() + Duration.ofSeconds(10L * IDLE_SECONDS).toNanos();
    while (openSessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    assertThat(openSessions()).isZero();
  }

  private static int openSessions() {
    TestGateway.Reply ready = gateway.get("/readyz", null);
    assertThat(ready.status()).isEqualTo(200);
    return ready.json().path("mcp_sessions").asInt(-1);
  }

  private static HttpRequest.Builder initialize(String key) {
    return HttpRequest.newBuilder(URI.create(gateway.base() + "/mcp"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Accept", "application/json, text/event-stream")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"flood\",\"version\":\"1\"}}}"));
  }
}
