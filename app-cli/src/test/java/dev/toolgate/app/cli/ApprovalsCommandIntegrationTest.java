package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.app.http.ToolgateModule;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;
  private String agent;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
    agent = cli.createKey("agent", "--role", "agent");
  }

  private CliHarness.Result requestStatusChange(String customerId, String idempotencyKey) {
    return cli.run(
        "--key", agent, "tools", "call", "update_customer_status",
        "--args", "{\"customer_id\":\"" + customerId + "\",\"status\":\"at_risk\"}",
        "--idempotency-key", idempotencyKey);
  }

  private String pendingApprovalId(CliHarness.Result requested) {
    assertThat(requested.exitCode()).as(requested.toString()).isEqualTo(ExitCodes.APPROVAL_REQUIRED);
    String id = requested.json().path("approval_id").asText();
    assertThat(id).isNotBlank();
    return id;
  }

  @Test
  void aRiskyCallWaitsForApprovalAndRunsOnceWhenApproved() {
    String id = pendingApprovalId(requestStatusChange("cus_002", "s-1"));

    CliHarness.Result pending = cli.run("approvals", "list");
    CliHarness.Result approved = cli.run("approvals", "approve", id, "--reason", "confirmed by phone");
    CliHarness.Result again = cli.run("approvals", "approve", id);
    CliHarness.Result shown = cli.run("approvals", "show", id);

    assertThat(pending.exitCode()).as(pending.toString()).isZero();
    assertThat(pending.json().path("approvals").findValuesAsText("id")).containsExactly(id);

    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    JsonNode decision = approved.json();
    assertThat(decision.path("decision").asText()).isEqualTo("approved");
    assertThat(decision.path("execution").path("success").asBoolean()).isTrue();
    assertThat(decision.path("execution").path("result").path("customer").path("status").asText()).isEqualTo("at_risk");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(again.json().path("error").path("code").asText()).isEqualTo("approval_already_decided");

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.json().path("status").asText()).isEqualTo("approved");
    assertThat(shown.json().path("decided_by").asText()).isEqualTo("local-cli");
    assertThat(shown.json().path("reason").asText()).isEqualTo("confirmed by phone");
  }

  @Test
  void retryingAnApprovedCallWithItsKeyReturnsTheStoredOutcome() {
    String id = pendingApprovalId(requestStatusChange("cus_002", "s-2"));
    cli.run("approvals", "approve", id);

    CliHarness.Result retried = requestStatusChange("cus_002", "s-2");

    assertThat(retried.exitCode()).as(retried.toString()).isZero();
    assertThat(retried.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(retried.json().path("result").path("previous_status").asText()).isEqualTo("active");
  }

  @Test
  void aRejectedCallNeverRuns() {
    String approvedId = pendingApprovalId(requestStatusChange("cus_002", "s-3"));
    String rejectedId = pendingApprovalId(requestStatusChange("cus_003", "s-4"));
    cli.run("approvals", "approve", approvedId);

    CliHarness.Result rejected = cli.run("approvals", "reject", rejectedId, "--reason", "customer is fine");
    CliHarness.Result retried = requestStatusChange("cus_003", "s-4");
    CliHarness.Result customer =
        cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"cus_003\"}");
    CliHarness.Result listed = cli.run("approvals", "list", "--status", "rejected");

    assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
    assertThat(rejected.json().path("decision").asText()).isEqualTo("rejected");
    assertThat(rejected.json().path("approval").path("status").asText()).isEqualTo("rejected");
    assertThat(retried.exitCode()).as(retried.toString()).isEqualTo(ExitCodes.APPROVAL_CLOSED);
    assertThat(customer.json().path("result").path("customers").path(0).path("status").asText()).isEqualTo("active");
    assertThat(listed.json().path("approvals").findValuesAsText("id")).containsExactly(rejectedId);
  }

  @Test
  void rejectingNeedsAReason() {
    String id = pendingApprovalId(requestStatusChange("cus_002", "s-5"));

    CliHarness.Result result = cli.run("approvals", "reject", id);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--reason");
  }

  @Test
  void anAgentMayNotApprove() {
    String id = pendingApprovalId(requestStatusChange("cus_002", "s-6"));

    CliHarness.Result result = cli.run("--key", agent, "approvals", "approve", id);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(result.json().path("error").path("code").asText()).isEqualTo("approval_forbidden");
  }

  @Test
  void unknownApprovalsExitNotFound() {
    assertThat(cli.run("approvals", "approve", "apr_missing").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("approvals", "show", "apr_missing").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void listsApprovalsAsATable() {
    String id = pendingApprovalId(requestStatusChange("cus_002", "s-7"));

    CliHarness.Result result = cli.run("--output", "table", "approvals", "list", "--status", "all");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).hasSize(2);
    assertThat(result.out()).startsWith("ID").containsPattern(id + "\\s+pending\\s+update_customer_status");
  }

  @Test
  void approvalViewsMaskCredentialsInTheBoundArguments() {
    // The support tools' schemas admit no credential, so the approval is written to the store directly.
    var arguments = Json.parse("{\"customer_id\":\"cus_002\",\"status\":\"at_risk\",\"api_token\":\"tok-123\"}");
    Instant now = Instant.now();
    try (SqliteStores stores =
        SqliteStores.open(new SqliteConfig(cli.dataDir().resolve(ToolgateModule.DATABASE_FILE)))) {
      stores.approvals().create(
          Approval.pending(
              "apr_secret", "key_a", null, "update_customer_status", arguments, "f".repeat(64), "pv", null, "req",
              now, now.plusSeconds(600)));
    }

    CliHarness.Result shown = cli.run("approvals", "show", "apr_secret");
    CliHarness.Result listed = cli.run("approvals", "list");
    CliHarness.Result table = cli.run("--output", "table", "approvals", "show", "apr_secret");

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.json().path("arguments").path("api_token").asText()).isEqualTo(Redaction.MASK);
    assertThat(shown.json().path("arguments").path("customer_id").asText()).isEqualTo("cus_002");
    assertThat(listed.json().path("approvals").path(0).path("arguments").path("api_token").asText())
        .isEqualTo(Redaction.MASK);
    assertThat(table.out()).contains(Redaction.MASK);
    assertThat(shown.out() + listed.out() + table.out()).doesNotContain("tok-123");
  }
}
