package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.Redaction;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalTest {
  private static final String ARGS = "{\"customer_id\": \"c-1\", \"status\": \"suspended\"}";

  private final Fixture fixture = new Fixture();
  private final Principal requester = agent("requester");
  private final Principal approver = principal("approver", Role.APPROVER);

  ApprovalTest() {
    fixture.tools
        .approvalWrite("suspend_customer")
        .write("create_order")
        .add("update_note", ToolCategory.WRITE,
            ToolAnnotations.write().withRequiresApproval(true).withSensitiveArguments(Set.of("note")),
            TestTools.ANY_OBJECT, invocation -> invocation.arguments())
        .add("flaky_suspend", ToolCategory.WRITE, ToolAnnotations.write().withRequiresApproval(true),
            TestTools.ANY_OBJECT, invocation -> {
              throw new UnavailableException("crm down");
            });
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ToolOutcome.ApprovalRequired request(Toolgate gateway, String idempotencyKey) {
    ToolOutcome outcome = call(gateway, requester, "suspend_customer", ARGS, idempotencyKey);
    assertThat(outcome).isInstanceOf(ToolOutcome.ApprovalRequired.class);
    return (ToolOutcome.ApprovalRequired) outcome;
  }

  private static DecisionOutcome decide(Toolgate gateway, Principal who, String id, Decision decision) {
    return gateway.approvals().decide(new DecideCommand(who, id, decision, "checked", "req-decide"));
  }

  @Test
  void parksTheCallAsAPendingApprovalBoundToItsArguments() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome.ApprovalRequired pending = request(gateway, null);

    assertThat(pending.approvalId()).matches("apr_[a-z0-9]{16}");
    assertThat(pending.expiresAt()).isEqualTo(Fixture.START.plus(Duration.ofHours(1)));
    assertThat(pending.idempotentReplay()).isFalse();
    assertThat(pending.code()).isEqualTo("approval_required");
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
    Approval stored = fixture.approvals.find(pending.approvalId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(stored.requesterKeyId()).isEqualTo("requester");
    assertThat(stored.arguments()).isEqualTo(Json.parse(ARGS));
    assertThat(stored.fingerprint()).isEqualTo(Json.fingerprint(Json.parse(ARGS)));
    assertThat(stored.policyVersion()).isEqualTo(gateway.config().policyVersion());
  }

  @Test
  void approvalsComeBackWithSensitiveArgumentsMaskedButTheCallRunsWithTheRealOnes() {
    Toolgate gateway = fixture.gateway();
    String args = "{\"id\":\"n1\",\"note\":\"private\",\"nested\":{\"api_key\":\"k-123\"}}";
    String id = ((ToolOutcome.ApprovalRequired) call(gateway, requester, "update_note", args)).approvalId();

    Approval listed = gateway.approvals().list(approver, ApprovalStatus.PENDING, 10).get(0);
    Approval found = gateway.approvals().find(approver, id).orElseThrow();
    DecisionOutcome decided = decide(gateway, approver, id, Decision.APPROVE);

    for (Approval shown : List.of(listed, found, decided.approval())) {
      assertThat(shown.arguments().path("id").asText()).isEqualTo("n1");
      assertThat(shown.arguments().path("note").asText()).isEqualTo(Redaction.MASK);
      assertThat(shown.arguments().path("nested").path("api_key").asText()).isEqualTo(Redaction.MASK);
    }
    ToolOutcome.Succeeded ran = (ToolOutcome.Succeeded) ((DecisionOutcome.Approved) decided).execution();
    assertThat(ran.result().structured().path("note").asText()).as("the tool got the real value").isEqualTo("private");
    assertThat(fixture.approvals.find(id).orElseThrow().arguments().path("note").asText())
        .as("the store keeps the real value").isEqualTo("private");
  }

  @Test
  void policyCanRequireApprovalForAnyTool() {
    Toolgate gateway =
        fixture.gateway(GatewayConfig.custom().approvalRequiredTools(Set.of("create_order")).build());

    assertThat(call(gateway, requester, "create_order", "{}")).isInstanceOf(ToolOutcome.ApprovalRequired.class);
    assertThat(fixture.tools.executions("create_order")).isZero();
  }

  @Test
  void approvingRunsTheCallOnceAndReturnsItsOutcome() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();

    DecisionOutcome outcome = decide(gateway, approver, id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Approved.class);
    DecisionOutcome.Approved approved = (DecisionOutcome.Approved) outcome;
    assertThat(approved.execution()).isInstanceOf(ToolOutcome.Succeeded.class);
    ToolOutcome.Succeeded execution = (ToolOutcome.Succeeded) approved.execution();
    assertThat(execution.approvalId()).isEqualTo(id);
    assertThat(execution.result().structured().path("arguments")).isEqualTo(Json.parse(ARGS));
    assertThat(approved.approval().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.approval().decidedBy()).isEqualTo("approver");
    assertThat(approved.approval().outcome()).isNotNull();
    assertThat(fixture.tools.executions("suspend_customer")).isEqualTo(1);
  }

  @Test
  void secondApprovalIsAlreadyDecided() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();
    decide(gateway, approver, id, Decision.APPROVE);

    DecisionOutcome again = decide(gateway, principal("approver2", Role.APPROVER), id, Decision.APPROVE);

    assertThat(again).isInstanceOf(DecisionOutcome.AlreadyDecided.class);
    assertThat(again.code()).isEqualTo("approval_already_decided");
    assertThat(fixture.tools.executions("suspend_customer")).isEqualTo(1);
  }

  @Test
  void requesterCannotDecideTheirOwnApproval() {
    Principal both = principal("both", Role.AGENT, Role.APPROVER);
    Toolgate gateway = fixture.gateway();
    String id = ((ToolOutcome.ApprovalRequired) call(gateway, both, "suspend_customer", ARGS)).approvalId();

    DecisionOutcome outcome = decide(gateway, both, id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Forbidden.class);
    assertThat(((DecisionOutcome.Forbidden) outcome).reason()).isEqualTo("self_approval");
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
    assertThat(fixture.approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void selfApprovalCanBeAllowed() {
    Principal both = principal("both", Role.AGENT, Role.APPROVER);
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().selfApproval(true).build());
    String id = ((ToolOutcome.ApprovalRequired) call(gateway, both, "suspend_customer", ARGS)).approvalId();

    assertThat(decide(gateway, both, id, Decision.APPROVE)).isInstanceOf(DecisionOutcome.Approved.class);
  }

  @Test
  void principalWithoutApproverRoleIsForbidden() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();

    DecisionOutcome outcome = decide(gateway, principal("op", Role.OPERATOR, Role.AGENT), id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Forbidden.class);
    assertThat(((DecisionOutcome.Forbidden) outcome).reason()).isEqualTo("not_an_approver");
    assertThat(decide(gateway, principal("root", Role.ADMIN), id, Decision.APPROVE))
        .isInstanceOf(DecisionOutcome.Approved.class);
  }

  @Test
  void clientScopedApproverDecidesOnlyTheirClientsApprovals() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();
    Principal scoped = new Principal("scoped", "scoped", Set.of(Role.APPROVER), "acme", Set.of(), Set.of(), null);

    DecisionOutcome outcome = decide(gateway, scoped, id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Forbidden.class);
    assertThat(((DecisionOutcome.Forbidden) outcome).reason()).isEqualTo("client_scope");
  }

  @Test
  void unknownApprovalIsNotFound() {
    assertThat(decide(fixture.gateway(), approver, "apr_nope", Decision.APPROVE))
        .isEqualTo(new DecisionOutcome.NotFound("apr_nope"));
  }

  @Test
  void rejectedApprovalNeverRuns() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();

    DecisionOutcome rejected = decide(gateway, approver, id, Decision.REJECT);
    DecisionOutcome laterApproval = decide(gateway, principal("approver2", Role.APPROVER), id, Decision.APPROVE);

    assertThat(rejected).isInstanceOf(DecisionOutcome.Rejected.class);
    assertThat(((DecisionOutcome.Rejected) rejected).approval().status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(laterApproval).isInstanceOf(DecisionOutcome.AlreadyDecided.class);
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
  }

  @Test
  void expiredApprovalNeverRuns() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().approvalTtl(Duration.ofMinutes(10)).build());
    String id = request(gateway, null).approvalId();
    fixture.clock.advance(Duration.ofMinutes(10));

    DecisionOutcome outcome = decide(gateway, approver, id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Expired.class);
    assertThat(((DecisionOutcome.Expired) outcome).approval().status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
    assertThat(gateway.approvals().find(requester, id).orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
  }

  @Test
  void approvalMadeUnderAnotherPolicyIsStale() {
    String id = request(fixture.gateway(), null).approvalId();
    Toolgate changed =
        fixture.gateway(GatewayConfig.custom().approvalRequiredTools(Set.of("create_order")).build());

    DecisionOutcome outcome = decide(changed, approver, id, Decision.APPROVE);

    assertThat(outcome).isInstanceOf(DecisionOutcome.Stale.class);
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
    assertThat(fixture.approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void concurrentApproveAndRejectMakeOneDecisionAndRunAtMostOnce() throws Exception {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();

    List<DecisionOutcome> outcomes =
        Concurrently.run(
            20,
            i -> decide(gateway, principal("approver-" + i, Role.APPROVER), id,
                i % 2 == 0 ? Decision.APPROVE : Decision.REJECT));

    long decided = outcomes.stream()
        .filter(o -> o instanceof DecisionOutcome.Approved || o instanceof DecisionOutcome.Rejected)
        .count();
    long approved = outcomes.stream().filter(o -> o instanceof DecisionOutcome.Approved).count();
    assertThat(decided).isEqualTo(1);
    assertThat(outcomes).filteredOn(o -> o instanceof DecisionOutcome.AlreadyDecided).hasSize(19);
    assertThat(fixture.tools.executions("suspend_customer")).isEqualTo((int) approved);
  }

  @Test
  void retryWithTheSameKeyFollowsTheApproval() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome.ApprovalRequired first = request(gateway, "key-1");

    ToolOutcome whilePending = call(gateway, requester, "suspend_customer", ARGS, "key-1");
    assertThat(whilePending)
        .isEqualTo(new ToolOutcome.ApprovalRequired("suspend_customer", first.approvalId(), first.expiresAt(), true));

    DecisionOutcome.Approved approved =
        (DecisionOutcome.Approved) decide(gateway, approver, first.approvalId(), Decision.APPROVE);
    ToolOutcome afterApproval = call(gateway, requester, "suspend_customer", ARGS, "key-1");

    assertThat(afterApproval).isInstanceOf(ToolOutcome.Succeeded.class);
    ToolOutcome.Succeeded replay = (ToolOutcome.Succeeded) afterApproval;
    assertThat(replay.idempotentReplay()).isTrue();
    assertThat(replay.approvalId()).isEqualTo(first.approvalId());
    assertThat(replay.result()).isEqualTo(((ToolOutcome.Succeeded) approved.execution()).result());
    assertThat(fixture.tools.executions("suspend_customer")).isEqualTo(1);
    assertThat(fixture.invocationKeys())
        .containsExactly(new IdempotencyScope("requester", "suspend_customer", "key-1").effectKey());
  }

  @Test
  void retryWithTheSameKeyAfterRejectionIsRejected() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, "key-1").approvalId();
    decide(gateway, approver, id, Decision.REJECT);

    ToolOutcome retry = call(gateway, requester, "suspend_customer", ARGS, "key-1");

    assertThat(retry).isEqualTo(new ToolOutcome.ApprovalRejected("suspend_customer", id, "approver", "checked"));
    assertThat(fixture.tools.executions("suspend_customer")).isZero();
  }

  @Test
  void retryWithTheSameKeyAfterExpiryIsExpired() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, "key-1").approvalId();
    fixture.clock.advance(Duration.ofHours(2));

    assertThat(call(gateway, requester, "suspend_customer", ARGS, "key-1"))
        .isEqualTo(new ToolOutcome.ApprovalExpired("suspend_customer", id));
  }

  @Test
  void failedExecutionIsStoredAndNeverRetriedByTheApproval() {
    Toolgate gateway = fixture.gateway();
    String id = ((ToolOutcome.ApprovalRequired) call(gateway, requester, "flaky_suspend", "{}", "key-1")).approvalId();

    DecisionOutcome.Approved approved = (DecisionOutcome.Approved) decide(gateway, approver, id, Decision.APPROVE);
    ToolOutcome retry = call(gateway, requester, "flaky_suspend", "{}", "key-1");

    assertThat(approved.execution().code()).isEqualTo("upstream_unavailable");
    assertThat(retry).isEqualTo(approved.execution());
    assertThat(decide(gateway, principal("approver2", Role.APPROVER), id, Decision.APPROVE))
        .isInstanceOf(DecisionOutcome.AlreadyDecided.class);
    assertThat(fixture.tools.executions("flaky_suspend")).isEqualTo(1);
  }

  @Test
  void listingShowsOwnRequestsToAgentsAndEverythingToApprovers() {
    Toolgate gateway = fixture.gateway();
    String mine = request(gateway, null).approvalId();
    fixture.clock.advance(Duration.ofSeconds(1));
    String theirs =
        ((ToolOutcome.ApprovalRequired) call(gateway, agent("other"), "suspend_customer", ARGS)).approvalId();

    assertThat(gateway.approvals().list(requester, null, 10)).extracting(Approval::id).containsExactly(mine);
    assertThat(gateway.approvals().list(approver, null, 10)).extracting(Approval::id).containsExactly(theirs, mine);
    assertThat(gateway.approvals().list(approver, ApprovalStatus.PENDING, 1)).extracting(Approval::id)
        .containsExactly(theirs);
    assertThat(gateway.approvals().find(requester, theirs)).isEmpty();
    assertThat(gateway.approvals().find(requester, mine)).isPresent();
    Principal scoped = new Principal("scoped", "scoped", Set.of(Role.APPROVER), "acme", Set.of(), Set.of(), null);
    assertThat(gateway.approvals().list(scoped, null, 10)).isEmpty();
  }

  @Test
  void everyDecisionAttemptIsAudited() {
    Toolgate gateway = fixture.gateway();
    String id = request(gateway, null).approvalId();
    int before = fixture.auditRecords().size();

    decide(gateway, requester, id, Decision.APPROVE);
    decide(gateway, approver, "apr_missing", Decision.APPROVE);
    decide(gateway, approver, id, Decision.APPROVE);
    decide(gateway, approver, id, Decision.REJECT);

    List<AuditRecord> records = fixture.auditRecords();
    assertThat(records).hasSize(before + 4);
    assertThat(records.subList(before, before + 4)).extracting(r -> r.entry().outcome())
        .containsExactly("approval_forbidden", "approval_not_found", "approved", "approval_already_decided");
    AuditRecord approvedRecord = records.get(before + 2);
    assertThat(approvedRecord.entry().keyId()).isEqualTo("approver");
    assertThat(approvedRecord.entry().tool()).isEqualTo("suspend_customer");
    assertThat(approvedRecord.entry().details().path("approval_id").asText()).isEqualTo(id);
    assertThat(approvedRecord.entry().details().path("execution").asText()).isEqualTo("executed");
  }
}
