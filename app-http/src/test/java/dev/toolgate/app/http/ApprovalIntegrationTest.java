package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.support.CustomerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human approval over REST: 202, confirm, and every way a decision can be refused. */
class ApprovalIntegrationTest {
  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static String approver;
  static String agentApprover;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir);
    agent = gateway.createKey("agent", "agent").secret();
    approver = gateway.createKey("approver", "approver").secret();
    agentApprover = gateway.createKey("both", "agent", "approver").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static Reply requestStatusChange(String key, String customerId, String status, String idempotencyKey) {
    String args = "{\"customer_id\":\"" + customerId + "\",\"status\":\"" + status + "\",\"reason\":\"test\"}";
    return idempotencyKey == null
        ? gateway.post("/tools/update_customer_status", key, args)
        : gateway.post("/tools/update_customer_status", key, args, "Idempotency-Key", idempotencyKey);
  }

  private static CustomerStatus statusOf(String customerId) {
    return gateway.runtime.supportDesk().findCustomer(customerId).orElseThrow().status();
  }

  @Test
  void aRetriedPendingCallShowsTheSameExpiryAsTheFirstAnswer() {
    Reply first = requestStatusChange(agent, "cus_007", "suspended", "same-expiry-1");
    Reply again = requestStatusChange(agent, "cus_007", "suspended", "same-expiry-1");

    assertThat(again.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(again.json().path("expires_at").asText())
        .isEqualTo(first.json().path("expires_at").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
    assertThat(gateway.get("/approvals/" + first.json().path("approval_id").asText(), agent).json().findValue("expires_at").asText())
        .isEqualTo(first.json().path("expires_at").asText());
  }

  @Test
  void riskyCallWaitsForApprovalWithBothSeedNamesForTheId() {
    Reply reply = requestStatusChange(agent, "cus_008", "suspended", null);

    assertThat(reply.status()).isEqualTo(202);
    var body = reply.json();
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("requires_confirmation").asBoolean()).isTrue();
    String id = body.path("approval_id").asText();
    assertThat(id).isNotBlank();
    assertThat(body.path("pending_action_id").asText()).isEqualTo(id);
    assertThat(Instant.parse(body.path("expires_at").asText())).isAfter(Instant.now());
    assertThat(reply.errorCode()).isEqualTo("approval_required");
    assertThat(reply.header("Location")).isEqualTo("/approvals/" + id);
    assertThat(statusOf("cus_008")).isEqualTo(CustomerStatus.ACTIVE);
  }

  @Test
  void approvalRunsTheCallOnceAndTheRetryReplaysIt() {
    Reply pending = requestStatusChange(agent, "cus_002", "at_risk", "status-cus_002");
    String id = pending.json().path("approval_id").asText();

    Reply approved = gateway.post("/confirm/" + id, approver, "{\"decision\":\"approve\",\"reason\":\"confirmed by phone\"}");

    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().path("decision").asText()).isEqualTo("approved");
    assertThat(approved.json().path("success").asBoolean()).isTrue();
    assertThat(approved.json().path("execution").path("result").toString()).contains("at_risk");
    assertThat(approved.json().path("approval").path("status").asText()).isEqualTo("approved");
    assertThat(statusOf("cus_002")).isEqualTo(CustomerStatus.AT_RISK);

    Reply retry = requestStatusChange(agent, "cus_002", "at_risk", "status-cus_002");
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(retry.json().path("result")).isEqualTo(approved.json().path("execution").path("result"));
  }

  @Test
  void secondDecisionIsAConflict() {
    String id = requestStatusChange(agent, "cus_005", "at_risk", null).json().path("approval_id").asText();
    assertThat(gateway.post("/confirm/" + id, approver, "{\"decision\":\"approve\"}").status()).isEqualTo(200);

    Reply again = gateway.post("/confirm/" + id, approver, "{\"decision\":\"reject\"}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("approval_already_decided");
    assertThat(again.json().path("error").path("details").path("status").asText()).isEqualTo("approved");
  }

  @Test
  void concurrentApprovalsRunTheCallExactlyOnce() {
    String id = requestStatusChange(agent, "cus_001", "at_risk", null).json().path("approval_id").asText();

    List<Reply> replies =
        IntStream.range(0, 8)
            .mapToObj(i -> gateway.sendAsync(TestGateway.post(gateway.request("/confirm/" + id, approver), "{\"approve\":true}")))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
    assertThat(replies).filteredOn(r -> r.status() == 409).hasSize(7);
    var executions = new ArrayList<String>();
    gateway.get("/audit?tool=update_customer_status&outcome=approved&limit=1000", gateway.adminKey).json().path("records")
        .forEach(record -> executions.add(record.path("details").path("approval_id").asText()));
    assertThat(executions).containsOnlyOnce(id);
  }

  @Test
  void rejectionByTheSeedBooleanNeverRunsAndTheRetryIsRefused() {
    String id = requestStatusChange(agent, "cus_003", "churned", "status-cus_003").json().path("approval_id").asText();

    Reply rejected = gateway.post("/confirm/" + id, approver, "{\"approve\":false,\"reason\":\"customer renewed\"}");

    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().path("decision").asText()).isEqualTo("rejected");
    assertThat(statusOf("cus_003")).isEqualTo(CustomerStatus.ACTIVE);
    Reply retry = requestStatusChange(agent, "cus_003", "churned", "status-cus_003");
    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.errorCode()).isEqualTo("approval_rejected");
  }

  @Test
  void requesterMayNotApproveTheirOwnCall() {
    String id = requestStatusChange(agentApprover, "cus_004", "suspended", null).json().path("approval_id").asText();

    Reply reply = gateway.post("/confirm/" + id, agentApprover, "{\"decision\":\"approve\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("approval_forbidden");
    assertThat(reply.json().path("error").path("details").path("reason").asText()).isEqualTo("self_approval");
    assertThat(gateway.get("/approvals/" + id, approver).json().path("approval").path("status").asText())
        .isEqualTo("pending");
    assertThat(statusOf("cus_004")).isEqualTo(CustomerStatus.AT_RISK);
  }

  @Test
  void anAgentMayNotDecide() {
    String id = requestStatusChange(agentApprover, "cus_006", "suspended", null).json().path("approval_id").asText();

    Reply reply = gateway.post("/confirm/" + id, agent, "{\"decision\":\"approve\"}");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().path("error").path("details").path("reason").asText()).isEqualTo("not_an_approver");
  }

  @Test
  void unknownApprovalIsNotFound() {
    Reply confirm = gateway.post("/confirm/apr_nope", approver, "{\"decision\":\"approve\"}");
    Reply get = gateway.get("/approvals/apr_nope", approver);

    assertThat(confirm.status()).isEqualTo(404);
    assertThat(confirm.errorCode()).isEqualTo("approval_not_found");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorCode()).isEqualTo("approval_not_found");
  }

  @Test
  void decisionBodiesAreChecked() {
    String id = requestStatusChange(agent, "cus_007", "at_risk", null).json().path("approval_id").asText();

    for (String body : List.of("{}", "{\"decision\":\"maybe\"}", "{\"approve\":\"yes\"}", "{\"decision\":\"approve\",\"approve\":true}",
        "{\"decision\":\"approve\",\"comment\":\"x\"}", "{\"decision\":\"approve\",\"reason\":5}")) {
      Reply reply = gateway.post("/confirm/" + id, approver, body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.errorCode()).as(body).isEqualTo("invalid_request");
    }
    assertThat(gateway.get("/approvals/" + id, approver).json().path("approval").path("status").asText())
        .isEqualTo("pending");
  }

  @Test
  void listsApprovalsByStatusWithTheirArguments() {
    String id = requestStatusChange(agent, "cus_007", "suspended", null).json().path("approval_id").asText();

    Reply pending = gateway.get("/approvals?status=pending&limit=50", approver);
    Reply all = gateway.get("/approvals", approver);

    assertThat(pending.status()).isEqualTo(200);
    var listed = pending.json().path("approvals");
    listed.forEach(approval -> assertThat(approval.path("status").asText()).isEqualTo("pending"));
    var mine = StreamSupport.stream(listed.spliterator(), false)
        .filter(a -> a.path("id").asText().equals(id)).findFirst().orElseThrow();
    assertThat(mine.path("tool").asText()).isEqualTo("update_customer_status");
    assertThat(mine.path("arguments").path("status").asText()).isEqualTo("suspended");
    assertThat(all.json().path("approvals").size()).isGreaterThanOrEqualTo(listed.size());
    assertThat(gateway.get("/approvals?status=sideways", approver).status()).isEqualTo(400);
    assertThat(gateway.get("/approvals?limit=0", approver).status()).isEqualTo(400);
  }

  @Test
  void expiredApprovalCanNoLongerBeDecided(@TempDir Path otherDir) throws InterruptedException {
    try (TestGateway shortLived = TestGateway.start(otherDir, Map.of("TOOLGATE_APPROVAL_TTL_SECONDS", "1"))) {
      String requester = shortLived.createKey("agent", "agent").secret();
      String decider = shortLived.createKey("approver", "approver").secret();
      Reply pending =
          shortLived.post("/tools/update_customer_status", requester, "{\"customer_id\":\"cus_001\",\"status\":\"churned\"}");
      String id = pending.json().path("approval_id").asText();
      Instant expiresAt = Instant.parse(pending.json().path("expires_at").asText());
      while (!Instant.now().isAfter(expiresAt.plusMillis(50))) {
        Thread.sleep(50);
      }

      Reply reply = shortLived.post("/confirm/" + id, decider, "{\"decision\":\"approve\"}");

      assertThat(reply.status()).isEqualTo(410);
      assertThat(reply.errorCode()).isEqualTo("approval_expired");
      assertThat(shortLived.get("/approvals/" + id, decider).json().path("approval").path("status").asText())
          .isEqualTo("expired");
      assertThat(shortLived.runtime.supportDesk().findCustomer("cus_001").orElseThrow().status())
          .isEqualTo(CustomerStatus.ACTIVE);
    }
  }
}
