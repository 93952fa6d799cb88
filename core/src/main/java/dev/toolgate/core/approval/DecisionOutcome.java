package dev.toolgate.core.approval;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.state.Approval;

/** Everything deciding an approval can end in. {@link #code()} is stable. */
public sealed interface DecisionOutcome {
  String code();

  /** Approved: the call ran exactly once; {@code execution} is its outcome. */
  record Approved(Approval approval, ToolOutcome execution) implements DecisionOutcome {
    public String code() {
      return "approved";
    }
  }

  /** Rejected: the call will never run. */
  record Rejected(Approval approval) implements DecisionOutcome {
    public String code() {
      return "rejected";
    }
  }

  /** No approval has this id. */
  record NotFound(String approvalId) implements DecisionOutcome {
    public String code() {
      return "approval_not_found";
    }
  }

  /** It was already decided (by someone else or earlier); nothing changed. */
  record AlreadyDecided(Approval approval) implements DecisionOutcome {
    public String code() {
      return "approval_already_decided";
    }
  }

  /** It expired undecided; nothing runs. */
  record Expired(Approval approval) implements DecisionOutcome {
    public String code() {
      return "approval_expired";
    }
  }

  /** The policy changed since the call was made; the approval can no longer be granted. */
  record Stale(Approval approval) implements DecisionOutcome {
    public String code() {
      return "approval_stale";
    }
  }

  /**
   * The principal may not decide this approval.
   *
   * @param reason {@code not_an_approver}, {@code self_approval} or {@code client_scope}
   */
  record Forbidden(String approvalId, String reason, String message) implements DecisionOutcome {
    public String code() {
      return "approval_forbidden";
    }
  }
}
