package dev.toolgate.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.idempotency.IdempotencyGate;
import dev.toolgate.core.internal.ArgumentValidator;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.core.internal.ToolRunner;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolInvocation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an approved call exactly once, through crashes. The run holds its own idempotency record (the
 * <em>run record</em>, scoped to the approval id under key id {@code approval:<requester>}, which no
 * API key id can be), reserved before the tool runs and completed right after it, before the outcome
 * is copied to the approval and to the caller's idempotency key. Whoever finds an approved approval
 * without an outcome after the lease (a retry of its key, an approver deciding it again) goes through
 * the same record: a run still holding it answers "in progress", a completed one is copied over, and
 * one cut off follows the tool's {@link Recovery} as a direct call does: {@code RERUN} runs again
 * (its effect is keyed), {@code UNKNOWN} ends as {@code outcome_unknown}. Wired by
 * {@code ToolgateBuilder}; not API.
 */
public final class ApprovedRun {
  private static final Logger log = LoggerFactory.getLogger(ApprovedRun.class);

  private final ApprovalStore approvals;
  private final IdempotencyStore idempotency;
  private final IdempotencyGate gate;
  private final ToolRegistry registry;
  private final ArgumentValidator validator;
  private final ToolRunner runner;
  private final GatewayConfig config;
  private final Clock clock;

  public ApprovedRun(
      ApprovalStore approvals,
      IdempotencyStore idempotency,
      IdempotencyGate gate,
      ToolRegistry registry,
      ArgumentValidator validator,
      ToolRunner runner,
      GatewayConfig config,
      Clock clock) {
    this.approvals = approvals;
    this.idempotency = idempotency;
    this.gate = gate;
    this.registry = registry;
    this.validator = validator;
    this.runner = runner;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Whether {@code approval} was approved, has no outcome, and its run's lease has run out: its run
   * was cut off before it was recorded (or never started), and {@link #run} may recover it.
   */
  boolean cutOff(Approval approval, Instant now) {
    return approval.status() == ApprovalStatus.APPROVED
        && approval.outcome() == null
        && approval.decidedAt() != null
        && !now.isBefore(approval.decidedAt().plus(gate.lease()));
  }

  /**
   * Runs the call of {@code approval} (approved, no outcome yet) unless another request holds or
   * completed its run record, and stores the outcome on the approval and under the caller's key.
   *
   * @return the call's outcome; {@link ToolOutcome.IdempotencyInProgress} while another request runs it
   */
  ToolOutcome run(Approval approval, String requestId) {
    IdempotencyScope scope = runScope(approval);
    Reservation reservation = gate.reserve(scope, approval.fingerprint(), requestId);
    if (reservation instanceof Reservation.Existing existing) {
      IdempotencyRecord record = existing.record();
      if (!record.completed()) {
        return new ToolOutcome.IdempotencyInProgress(
            approval.tool(), approval.idempotencyKey() != null ? approval.idempotencyKey() : approval.id());
      }
      // The run finished but was cut off before its outcome reached the approval.
      ToolOutcome outcome = OutcomeCodec.decode(record.outcome());
      keep(approval, record.outcome());
      return outcome;
    }
    Optional<ToolOutcome> unknown = Optional.empty();
    if (reservation instanceof Reservation.Abandoned abandoned) {
      unknown = recoveryOf(approval.tool()) == Recovery.RERUN
          ? Optional.empty()
          : Optional.of(outcomeUnknown(approval, abandoned.previous().requestId(), abandoned.previous().createdAt()));
    } else if (cutOff(approval, clock.instant())
        && !clock.instant().isBefore(approval.decidedAt().plus(config.idempotencyRetention()))) {
      // A run record can have expired since: whether the call ran is not known any more.
      unknown = Optional.of(outcomeUnknown(approval, null, approval.decidedAt()));
    }
    ToolOutcome outcome;
    if (unknown.isPresent()) {
      outcome = unknown.get();
      log.warn("approved call {} of tool {} was cut off while it ran; answered outcome_unknown",
          approval.id(), approval.tool());
    } else {
      if (reservation instanceof Reservation.Abandoned) {
        log.info("approved call {} of tool {} was cut off while it ran; running it again (recovery rerun)",
            approval.id(), approval.tool());
      }
      try {
        outcome = execute(approval, requestId);
      } catch (RuntimeException e) {
        idempotency.release(scope);
        throw e;
      }
    }
    JsonNode stored = OutcomeCodec.encode(outcome);
    idempotency.complete(scope, stored);
    keep(approval, stored);
    return outcome;
  }

  /** The execution stage alone: every earlier check was passed when the call was made. */
  private ToolOutcome execute(Approval approval, String requestId) {
    Optional<Tool> tool = registry.find(approval.tool());
    if (tool.isEmpty()) {
      return new ToolOutcome.UnknownTool(approval.tool());
    }
    // The tool's schema may have changed since the call was parked.
    List<FieldError> errors = validator.validate(approval.tool(), approval.arguments());
    if (!errors.isEmpty()) {
      return new ToolOutcome.Invalid(approval.tool(), errors);
    }
    ToolOutcome outcome =
        runner.run(tool.get(), new ToolInvocation(approval.arguments(), requestId, approval.clientKey(), effectKey(approval)));
    if (outcome.isSuccess()) {
      return new ToolOutcome.Succeeded(
          outcome.tool(), ((ToolOutcome.Succeeded) outcome).result(), false, false, 0, approval.id());
    }
    return outcome;
  }

  /** The outcome on the approval, and under the caller's idempotency key if it had one. */
  private void keep(Approval approval, JsonNode outcome) {
    approvals.recordOutcome(approval.id(), outcome);
    if (approval.idempotencyKey() == null) {
      return;
    }
    try {
      idempotency.complete(callerScope(approval), outcome);
    } catch (NotFoundException e) {
      // The record outlived its retention; a retry then runs as a new call, as Stripe does.
      log.debug("idempotency record of approval {} is gone; outcome kept on the approval only", approval.id());
    }
  }

  /**
   * The effect key the run passes to the tool: the caller's (as a direct call with that key would),
   * or, for a call made without a key, one of the approval's own, so that a re-run finds the effect.
   */
  private static String effectKey(Approval approval) {
    return (approval.idempotencyKey() != null ? callerScope(approval) : runScope(approval)).effectKey();
  }

  private static IdempotencyScope callerScope(Approval approval) {
    return new IdempotencyScope(approval.requesterKeyId(), approval.tool(), approval.idempotencyKey());
  }

  /** The run record's scope; {@code ':'} never occurs in an API key id, so no caller can share it. */
  private static IdempotencyScope runScope(Approval approval) {
    return new IdempotencyScope("approval:" + approval.requesterKeyId(), approval.tool(), approval.id());
  }

  private Recovery recoveryOf(String tool) {
    return registry.find(tool).map(t -> t.definition().annotations().recovery()).orElse(Recovery.UNKNOWN);
  }

  private static ToolOutcome.Failed outcomeUnknown(Approval approval, String cutOffRequest, Instant cutOffAt) {
    String request = cutOffRequest == null ? "its run" : "request " + cutOffRequest;
    ObjectNode details = Json.object();
    details.put("approval_id", approval.id());
    if (approval.idempotencyKey() != null) {
      details.put("idempotency_key", approval.idempotencyKey());
    }
    if (cutOffRequest != null) {
      details.put("cut_off_request_id", cutOffRequest);
    }
    details.put("cut_off_at", cutOffAt.toString());
    return new ToolOutcome.Failed(
        approval.tool(),
        FailureCode.OUTCOME_UNKNOWN,
        "the outcome of approved call " + approval.id() + " to '" + approval.tool() + "' is unknown: " + request
            + " was cut off while it ran (the gateway stopped), perhaps after its side effect, and this tool"
            + " cannot tell whether it took effect, so it is not run again. Check in the tool's own system"
            + " whether it took effect; if it did not, call the tool again"
            + (approval.idempotencyKey() != null ? " with a new idempotency key" : "")
            + " for a new approval",
        false,
        details,
        null);
  }
}
