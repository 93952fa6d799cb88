package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.testing.CrashPoint;
import dev.toolgate.ports.testing.ForwardingAuditLog;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An approved call cut off at each step boundary of the approval path (run record reserved, effect
 * committed, run record completed, around the decision's audit), then a new gateway on the same
 * stores past the lease: a retry of the caller's key or a second decision recovers it by the tool's
 * recovery rule, at most once, and what it ends in is kept on the approval and under the key.
 */
class ApprovalCrashRecoveryTest {
  private static final Principal REQUESTER = agent("requester");
  private static final Principal APPROVER = principal("approver", Role.APPROVER);
  private static final Duration PAST_LEASE = GatewayConfig.defaults().executionTimeout().plusSeconds(6);

  private final Fixture fixture = new Fixture();
  /** The keyed effects of {@code refund}: effect key to the run that made it. */
  private final Map<String, Integer> refunds = new ConcurrentHashMap<>();

  ApprovalCrashRecoveryTest() {
    fixture.tools
        .add("refund", ToolCategory.WRITE,
            ToolAnnotations.write().withRequiresApproval(true).withRecovery(Recovery.RERUN), TestTools.ANY_OBJECT,
            invocation -> {
              int run = fixture.tools.executions("refund");
              int effect = refunds.computeIfAbsent(invocation.idempotencyKey(), k -> run);
              return Json.object().put("refund", effect);
            })
        .approvalWrite("wire_money");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private Toolgate crashingAt(CrashPoint point, AtomicBoolean armed) {
    return fixture
        .builder(GatewayConfig.defaults())
        .idempotency(point.idempotency(fixture.idempotency, armed))
        .audit(point.audit(fixture.audit, armed))
        .build();
  }

  private Toolgate restarted() {
    return fixture.gateway();
  }

  private static ToolOutcome call(Toolgate gateway, String tool, String key, String requestId) {
    return gateway.calls().call(new CallToolCommand(REQUESTER, tool, Json.parse("{\"amount\":5}"), key, requestId));
  }

  private static DecisionOutcome approve(Toolgate gateway, String approvalId, String requestId) {
    return gateway.approvals().decide(new DecideCommand(APPROVER, approvalId, Decision.APPROVE, "ok", requestId));
  }

  /** Parks a call of {@code tool}, then approves it on a gateway that crashes at {@code point}. */
  private String approvedAndCutOff(String tool, String key, CrashPoint point) {
    AtomicBoolean armed = new AtomicBoolean(false);
    try (Toolgate first = crashingAt(point, armed)) {
      ToolOutcome parked = call(first, tool, key, "req-call");
      assertThat(parked).isInstanceOf(ToolOutcome.ApprovalRequired.class);
      String approvalId = ((ToolOutcome.ApprovalRequired) parked).approvalId();
      armed.set(true);
      assertThatThrownBy(() -> approve(first, approvalId, "req-decide")).isInstanceOf(CrashPoint.Crash.class);
      return approvalId;
    }
  }

  private Optional<AuditRecord> auditOf(String requestId) {
    return fixture.auditRecords().stream().filter(r -> r.entry().requestId().equals(requestId)).findFirst();
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aRerunnableApprovedCallCutOffAnywhereEndsWithOneEffectAndAnAuditedAnswer(CrashPoint point) {
    String approvalId = approvedAndCutOff("refund", "r-1", point);
    fixture.clock.advance(PAST_LEASE);
    Toolgate gateway = restarted();

    ToolOutcome retry = call(gateway, "refund", "r-1", "req-retry");
    ToolOutcome again = call(gateway, "refund", "r-1", "req-again");
    DecisionOutcome decidedAgain = approve(gateway, approvalId, "req-decide-again");

    assertThat(retry).as("retry after a crash %s", point).isInstanceOf(ToolOutcome.Succeeded.class);
    assertThat(((ToolOutcome.Succeeded) retry).result().structured().path("refund").asInt()).isEqualTo(1);
    assertThat(refunds).as("keyed effects after a crash %s", point).hasSize(1);
    assertThat(fixture.tools.executions("refund"))
        .as("runs: a run cut off after its effect runs again and finds it")
        .isEqualTo(point == CrashPoint.AFTER_EFFECT ? 2 : 1);
    assertThat(again).isEqualTo(retry);
    assertThat(decidedAgain.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
    Approval approval = fixture.approvals.find(approvalId).orElseThrow();
    assertThat(approval.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approval.outcome()).isNotNull();
    assertThat(auditOf("req-retry")).as("the retry's answer is audited").isPresent();
    assertThat(gateway.audit().verify(principal("op", Role.OPERATOR)).valid()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void anApprovedCallOfAToolThatCannotTellIsNeverRunTwice(CrashPoint point) {
    String approvalId = approvedAndCutOff("wire_money", "w-1", point);
    fixture.clock.advance(PAST_LEASE);
    Toolgate gateway = restarted();

    ToolOutcome retry = call(gateway, "wire_money", "w-1", "req-retry");
    DecisionOutcome decidedAgain = approve(gateway, approvalId, "req-decide-again");
    ToolOutcome again = call(gateway, "wire_money", "w-1", "req-again");

    boolean recorded = point != CrashPoint.AFTER_RESERVE && point != CrashPoint.AFTER_EFFECT;
    assertThat(fixture.tools.executions("wire_money")).isEqualTo(point == CrashPoint.AFTER_RESERVE ? 0 : 1);
    assertThat(decidedAgain.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
    assertThat(again).isEqualTo(retry);
    if (recorded) {
      assertThat(retry).as("retry after a crash %s", point).isInstanceOf(ToolOutcome.Succeeded.class);
      return;
    }
    assertThat(retry).as("retry after a crash %s", point).isInstanceOf(ToolOutcome.Failed.class);
    ToolOutcome.Failed unknown = (ToolOutcome.Failed) retry;
    assertThat(unknown.failure()).isEqualTo(FailureCode.OUTCOME_UNKNOWN);
    assertThat(unknown.message()).contains(approvalId, "request req-decide", "'wire_money'", "new idempotency key");
    assertThat(unknown.details().path("approval_id").asText()).isEqualTo(approvalId);
    Approval approval = fixture.approvals.find(approvalId).orElseThrow();
    assertThat(approval.outcome().toString()).contains("outcome_unknown");
    assertThat(fixture.idempotency.find(new IdempotencyScope("requester", "wire_money", "w-1"), fixture.clock.instant())
            .orElseThrow().outcome().toString())
        .contains("outcome_unknown");
    assertThat(auditOf("req-retry")).get().satisfies(r -> assertThat(r.entry().code()).isEqualTo("outcome_unknown"));
  }

  @Test
  void withinTheLeaseARetryOfAnApprovedCallStillRunningIsInProgressAndNothingRuns() {
    approvedAndCutOff("wire_money", "w-2", CrashPoint.AFTER_RESERVE);
    Toolgate gateway = restarted();

    assertThat(call(gateway, "wire_money", "w-2", "req-early")).isInstanceOf(ToolOutcome.IdempotencyInProgress.class);
    assertThat(fixture.tools.executions("wire_money")).isZero();
  }

  @Test
  void anApprovalWithoutAKeyCutOffAfterItsEffectIsRecoveredByDecidingAgainWithOneEffect() {
    AtomicBoolean armed = new AtomicBoolean(false);
    String approvalId;
    try (Toolgate first = crashingAt(CrashPoint.AFTER_EFFECT, armed)) {
      approvalId = ((ToolOutcome.ApprovalRequired) call(first, "refund", null, "req-call")).approvalId();
      armed.set(true);
      assertThatThrownBy(() -> approve(first, approvalId, "req-decide")).isInstanceOf(CrashPoint.Crash.class);
    }
    fixture.clock.advance(PAST_LEASE);
    Toolgate gateway = restarted();

    DecisionOutcome again = approve(gateway, approvalId, "req-decide-again");
    DecisionOutcome third = approve(gateway, approvalId, "req-decide-third");

    assertThat(again.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
    assertThat(again.approval().outcome()).isNotNull();
    assertThat(third.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
    assertThat(refunds).as("the re-run carried the approval's own effect key").hasSize(1);
    assertThat(fixture.tools.executions("refund")).isEqualTo(2);
    assertThat(auditOf("req-decide-again")).isPresent();
  }

  @Test
  void aDecisionWhoseAuditFailsIsAnsweredUnavailableAndItsOutcomeIsKept() {
    AtomicBoolean failing = new AtomicBoolean(false);
    AuditLog log = fixture.audit;
    AuditLog flaky =
        new ForwardingAuditLog(log) {
          @Override
          public AuditRecord append(AuditEntry entry) {
            if (failing.get()) {
              throw new UnavailableException("audit store down");
            }
            return log.append(entry);
          }
        };
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).audit(flaky).build();
    try (gateway) {
      String approvalId = ((ToolOutcome.ApprovalRequired) call(gateway, "wire_money", "w-3", "req-call")).approvalId();
      failing.set(true);
      DecisionOutcome unaudited = approve(gateway, approvalId, "req-decide");
      failing.set(false);
      DecisionOutcome again = approve(gateway, approvalId, "req-decide-again");
      ToolOutcome retry = call(gateway, "wire_money", "w-3", "req-retry");

      assertThat(unaudited.kind()).isEqualTo(DecisionOutcome.Kind.UNAVAILABLE);
      assertThat(unaudited.code()).isEqualTo("unavailable");
      assertThat(unaudited.details().path("retryable").asBoolean()).isTrue();
      assertThat(unaudited.message()).contains(approvalId, "approved", "audit record could not be written");
      assertThat(again.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
      assertThat(again.approval().outcome()).as("the outcome is retrievable from the approval").isNotNull();
      assertThat(retry).isInstanceOf(ToolOutcome.Succeeded.class);
      assertThat(((ToolOutcome.Succeeded) retry).idempotentReplay()).isTrue();
      assertThat(fixture.tools.executions("wire_money")).isEqualTo(1);
      assertThat(auditOf("req-decide")).as("nothing was audited for the failed append").isEmpty();
    }
  }
}
