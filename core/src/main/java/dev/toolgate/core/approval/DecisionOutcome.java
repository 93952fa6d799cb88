package dev.toolgate.core.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;

/**
 * Everything deciding an approval can end in. Faces switch over {@link #kind()} without a
 * {@code default}; {@link #code()}, {@link #message()} and {@link #details()} carry an error
 * response. Approvals here have their arguments redacted already.
 */
public sealed interface DecisionOutcome {
  /** One constant per variant. */
  enum Kind {
    APPROVED,
    REJECTED,
    NOT_FOUND,
    ALREADY_DECIDED,
    EXPIRED,
    STALE,
    FORBIDDEN,
    UNAVAILABLE
  }

  Kind kind();

  String code();

  /** A human sentence saying what happened. */
  String message();

  /** Facts for an error body (and the audit record); a new object each time. */
  ObjectNode details();

  /** The approval concerned, or null when there is none to show (not found, forbidden). */
  Approval approval();

  /** Approved: the call ran exactly once; {@code execution} is its outcome. */
  record Approved(Approval approval, ToolOutcome execution) implements DecisionOutcome {
    public Kind kind() {
      return Kind.APPROVED;
    }

    public String code() {
      return "approved";
    }

    public String message() {
      return "approval " + approval.id() + " was approved; the call ran: " + execution.message();
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approval.id());
    }
  }

  /** Rejected: the call will never run. */
  record Rejected(Approval approval) implements DecisionOutcome {
    public Kind kind() {
      return Kind.REJECTED;
    }

    public String code() {
      return "rejected";
    }

    public String message() {
      return "approval " + approval.id() + " was rejected; the call will never run";
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approval.id());
    }
  }

  /** No approval has this id. */
  record NotFound(String approvalId) implements DecisionOutcome {
    public Kind kind() {
      return Kind.NOT_FOUND;
    }

    public String code() {
      return "approval_not_found";
    }

    public String message() {
      return "no approval with id '" + approvalId + "'";
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approvalId);
    }

    public Approval approval() {
      return null;
    }
  }

  /** It was already decided (by someone else or earlier); nothing changed. */
  record AlreadyDecided(Approval approval) implements DecisionOutcome {
    public Kind kind() {
      return Kind.ALREADY_DECIDED;
    }

    public String code() {
      return "approval_already_decided";
    }

    public String message() {
      return "approval " + approval.id() + " was already " + approval.status().wireName()
          + (approval.decidedBy() == null ? "" : " by " + approval.decidedBy());
    }

    public ObjectNode details() {
      return Json.object()
          .put("approval_id", approval.id())
          .put("status", approval.status().wireName())
          .put("decided_by", approval.decidedBy())
          .put("decided_at", approval.decidedAt() == null ? null : approval.decidedAt().toString());
    }
  }

  /** It expired undecided; nothing runs. */
  record Expired(Approval approval) implements DecisionOutcome {
    public Kind kind() {
      return Kind.EXPIRED;
    }

    public String code() {
      return "approval_expired";
    }

    public String message() {
      return "approval " + approval.id() + " expired at " + approval.expiresAt() + "; it can no longer be decided";
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approval.id()).put("expires_at", approval.expiresAt().toString());
    }
  }

  /** The policy changed since the call was made; the approval can no longer be granted. */
  record Stale(Approval approval) implements DecisionOutcome {
    public Kind kind() {
      return Kind.STALE;
    }

    public String code() {
      return "approval_stale";
    }

    public String message() {
      return "the policy changed since approval " + approval.id() + " was requested; call the tool again";
    }

    public ObjectNode details() {
      return Json.object().put("approval_id", approval.id()).put("policy_version", approval.policyVersion());
    }
  }

  /**
   * The principal may not decide this approval.
   *
   * @param reason {@code not_an_approver}, {@code self_approval} or {@code client_scope}
   */
  record Forbidden(String approvalId, String reason, String message) implements DecisionOutcome {
    public Kind kind() {
      return Kind.FORBIDDEN;
    }

    public String code() {
      return "approval_forbidden";
    }

    public ObjectNode details() {
      ObjectNode details = Json.object().put("approval_id", approvalId).put("reason", reason);
      if ("self_approval".equals(reason)) {
        details.put("hint", "another approver must decide; single-user set-ups may set TOOLGATE_SELF_APPROVAL=true");
      }
      return details;
    }

    public Approval approval() {
      return null;
    }
  }

  /**
   * The decision's audit record could not be written, so its result is not given now (no decision is
   * acknowledged unaudited). Whatever the decision did stands and is kept on the approval: reading
   * the approval, or deciding again (answered "already decided"), shows it. Retryable.
   *
   * @param approval the approval as it stands after this request, or null when there is none to show
   */
  record Unavailable(String approvalId, Approval approval) implements DecisionOutcome {
    public Kind kind() {
      return Kind.UNAVAILABLE;
    }

    public String code() {
      return "unavailable";
    }

    public String message() {
      boolean decided = approval != null && approval.status() != ApprovalStatus.PENDING;
      return "the decision's audit record could not be written, so its result is not given now"
          + (decided
              ? "; approval " + approvalId + " is " + approval.status().wireName()
                  + " and keeps the outcome: read the approval, or decide again to be answered"
              : "; nothing was decided: retry shortly");
    }

    public ObjectNode details() {
      ObjectNode details = Json.object().put("approval_id", approvalId).put("retryable", true);
      if (approval != null) {
        details.put("status", approval.status().wireName());
      }
      return details;
    }
  }
}
