package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may open {@code /ws/chat}: a key in a header, or a single-use ticket; never a key in the URL. */
class WsTicketIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    agent = gateway.createKey("browser-agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static String ticket() {
    TestGateway.Reply reply = gateway.post(WsChatRoutes.TICKETS_PATH, agent, "");
    assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    Instant expires = Instant.parse(reply.json().path("expires_at").asText());
    assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    return reply.json().path("ticket").asText();
  }

  @Test
  void aTicketOpensOneSocketThatChatsAsItsKey() {
    String ticket = ticket();
    try (WsTestClient ws = WsTestClient.connect(gateway, "ticket=" + ticket, null)) {
      ws.send(WsChatIntegrationTest.chat("t-1", "demo", "Summarize last week's campaign performance"));
      List<JsonNode> messages = ws.untilFinal("t-1");
      assertThat(messages.get(messages.size() - 1).path("status").asText()).isEqualTo("complete");
    }
    // Used once, it opens nothing more.
    assertThat(WsTestClient.refusedStatus(gateway, "ticket=" + ticket)).isEqualTo(401);
  }

  @Test
  void theUpgradeIsRefusedWithoutAKeyOrWithABadTicket() {
    assertThat(WsTestClient.refusedStatus(gateway, null)).isEqualTo(401);
    assertThat(WsTestClient.refusedStatus(gateway, "ticket=wst_made-up")).isEqualTo(401);
    assertThat(WsTestClient.refusedStatus(gateway, null, "Authorization", "Bearer tg_nope_nope")).isEqualTo(401);
    assertThat(gateway.post(WsChatRoutes.TICKETS_PATH, null, "").status()).isEqualTo(401);
  }

  @Test
  void aKeyInTheUrlIsRefusedEvenWhenItIsValid() {
    assertThat(WsTestClient.refusedStatus(gateway, "api_key=" + agent)).isEqualTo(400);
    assertThat(WsTestClient.refusedStatus(gateway, "token=" + agent)).isEqualTo(400);
    assertThat(WsTestClient.refusedStatus(gateway, "ticket=" + agent)).isEqualTo(400);
  }

  @Test
  void scriptsOpenTheSocketWithTheKeyInAHeader() {
    try (WsTestClient ws = WsTestClient.connectWith(gateway, "X-API-Key", agent)) {
      ws.send(WsChatIntegrationTest.chat("h-1", "demo", "Summarize last week's campaign performance"));
      List<JsonNode> messages = ws.untilFinal("h-1");
      assertThat(messages.get(messages.size() - 1).path("status").asText()).isEqualTo("complete");
    }
  }
}
