package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.support.CustomerStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting again on the same data dir loses nothing. */
class RestartIntegrationTest {
  @TempDir Path workDir;

  @Test
  void keepsIdempotencyRecordsApprovalsAndAVerifyingAuditChain() {
    try (TestGateway gateway = TestGateway.start(workDir)) {
      String agent = gateway.createKey("agent", "agent").secret();
      String approver = gateway.createKey("approver", "approver").secret();
      String ticketArgs = "{\"customer_id\":\"cus_002\",\"subject\":\"Invoices missing\"}";
      Reply ticket = gateway.post("/tools/create_ticket", agent, ticketArgs, "Idempotency-Key", "restart-ticket");
      Reply pending =
          gateway.post("/tools/update_customer_status", agent, "{\"customer_id\":\"cus_002\",\"status\":\"at_risk\"}",
              "Idempotency-Key", "restart-status");
      String approvalId = pending.json().path("approval_id").asText();
      long checkedBefore = gateway.get("/audit/verify", gateway.adminKey).json().path("checked").asLong();
      assertThat(ticket.status()).isEqualTo(200);
      assertThat(pending.status()).isEqualTo(202);

      gateway.restart();

      assertThat(gateway.runtime.bootstrapAdmin()).isEmpty();
      Reply replay = gateway.post("/tools/create_ticket", agent, ticketArgs, "Idempotency-Key", "restart-ticket");
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.json().path("idempotent_replay").asBoolean()).isTrue();
      assertThat(replay.json().path("result")).isEqualTo(ticket.json().path("result"));
      Reply stillPending = gateway.get("/approvals/" + approvalId, approver);
      assertThat(stillPending.json().path("approval").path("status").asText()).isEqualTo("pending");
      Reply approved = gateway.post("/confirm/" + approvalId, approver, "{\"decision\":\"approve\"}");
      assertThat(approved.status()).isEqualTo(200);
      assertThat(gateway.runtime.supportDesk().findCustomer("cus_002").orElseThrow().status())
          .isEqualTo(CustomerStatus.AT_RISK);
      Reply verify = gateway.get("/audit/verify", gateway.adminKey);
      assertThat(verify.json().path("valid").asBoolean()).isTrue();
      assertThat(verify.json().path("checked").asLong()).isGreaterThan(checkedBefore);
    }
  }

  @Test
  void aWebSocketRequestIdRepeatedAfterARestartReplaysTheStoredAnswerInsteadOfASecondTurn() {
    try (TestGateway gateway = TestGateway.start(workDir)) {
      TestGateway.Issued agent = gateway.createKey("ws-agent", "agent");
      String frame = WsChatIntegrationTest.chat("restart-1", "demo", "Summarize last week's campaign performance");
      JsonNode first;
      try (WsTestClient ws = WsTestClient.connect(gateway, null, agent.secret())) {
        ws.send(frame);
        List<JsonNode> messages = ws.untilFinal("restart-1");
        first = messages.get(messages.size() - 1);
      }
      assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("complete");
      String sessionId = first.path("session_id").asText();

      gateway.restart();

      try (WsTestClient ws = WsTestClient.connect(gateway, null, agent.secret())) {
        ws.send(frame);
        JsonNode replay = ws.next();
        assertThat(replay.path("status").asText()).as(replay.toString()).isEqualTo("complete");
        assertThat(replay.path("replayed").asBoolean()).isTrue();
        assertThat(replay.path("turn_id").asText()).isEqualTo(first.path("turn_id").asText());
        assertThat(replay.path("answer").asText()).isEqualTo(first.path("answer").asText());
      }
      Reply history = gateway.get("/chat/sessions/" + sessionId, gateway.adminKey);
      assertThat(history.json().path("turns")).as("no second turn").hasSize(1);
    }
  }
}
