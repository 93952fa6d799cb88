package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.support.CustomerStatus;
import java.nio.file.Path;
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
}
