package dev.toolgate.core.approval;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.Ids;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.tool.Tool;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval step of the pipeline: decides whether a call waits for a human, parks it as a pending
 * approval bound to its principal, arguments and policy version, and tells a retry with the same
 * idempotency key where the approval stands now. Deciding approvals is {@link ApprovalService}'s.
 * Wired by {@code ToolgateBuilder}; not API.
 */
public final class ApprovalGate {
  private static final Logger log = LoggerFactory.getLogger(ApprovalGate.class);

  private final ApprovalStore store;
  private final ApprovedRun run;
  private final GatewayConfig config;
  private final Clock clock;
  private final Ids ids;

  public ApprovalGate(ApprovalStore store, ApprovedRun run, GatewayConfig config, Clock clock, Ids ids) {
    this.store = store;
    this.run = run;
    this.config = config;
    this.clock = clock;
    this.ids = ids;
  }

  /** Whether calls of this tool wait for a human, by annotation or by policy. */
  public boolean required(Tool tool) {
    return config.requiresApproval(tool.definition());
  }

  /** Parks the call as a pending approval bound to its principal, arguments and policy version. */
  public ToolOutcome.ApprovalRequired request(CallToolCommand command, String idempotencyKey) {
    // Stored and shown at millisecond precision, so a replay reads exactly as the first answer did.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Principal principal = command.principal();
    Approval approval =
        Approval.pending(
            "apr_" + ids.alphanumeric(16),
            principal.keyId(),
            principal.clientKey(),
            command.tool(),
            command.arguments().deepCopy(),
            Json.fingerprint(command.arguments()),
            config.policyVersion(),
            idempotencyKey,
            command.requestId(),
            now,
            now.plus(config.approvalTtl()));
    store.create(approval);
    log.info(
        "approval {} requested for tool {} by key {}", approval.id(), approval.tool(), principal.keyId());
    return new ToolOutcome.ApprovalRequired(approval.tool(), approval.id(), approval.expiresAt(), false);
  }

  /**
   * What a retry with the same idempotency key gets, now that the approval has moved on (or not). An
   * approved call whose run was cut off is recovered here, by {@link ApprovedRun}'s rule.
   *
   * @param requestId the retry's request id, which holds the run if it recovers it
   */
  public ToolOutcome replay(ToolOutcome.ApprovalRequired stored, String requestId) {
    Optional<Approval> found = store.find(stored.approvalId());
    if (found.isEmpty()) {
      return new ToolOutcome.ApprovalExpired(stored.tool(), stored.approvalId());
    }
    Approval approval = found.get();
    switch (approval.statusAt(clock.instant())) {
      case PENDING:
        return new ToolOutcome.ApprovalRequired(
            stored.tool(), approval.id(), approval.expiresAt(), true);
      case REJECTED:
        return new ToolOutcome.ApprovalRejected(
            stored.tool(), approval.id(), approval.decidedBy(), approval.reason());
      case EXPIRED:
        return new ToolOutcome.ApprovalExpired(stored.tool(), approval.id());
      default:
        if (approval.outcome() == null) {
          if (!run.cutOff(approval, clock.instant())) {
            // Approved, and the call is running right now.
            return new ToolOutcome.IdempotencyInProgress(stored.tool(), approval.idempotencyKey());
          }
          ToolOutcome recovered = run.run(approval, requestId);
          return recovered.isSuccess() ? ((ToolOutcome.Succeeded) recovered).asReplay() : recovered;
        }
        ToolOutcome outcome = OutcomeCodec.decode(approval.outcome());
        return outcome.isSuccess() ? ((ToolOutcome.Succeeded) outcome).asReplay() : outcome;
    }
  }
}
