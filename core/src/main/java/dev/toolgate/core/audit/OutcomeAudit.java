package dev.toolgate.core.audit;

import dev.toolgate.core.call.ToolOutcome;

/** How a tool outcome reads in the audit log: its outcome word and its code (details are the outcome's own). */
public final class OutcomeAudit {
  private OutcomeAudit() {}

  /** The stable lower-case word stored as the record's outcome. */
  public static String word(ToolOutcome outcome) {
    return switch (outcome.kind()) {
      case SUCCEEDED -> {
        ToolOutcome.Succeeded s = (ToolOutcome.Succeeded) outcome;
        yield s.idempotentReplay() ? "replayed" : s.cacheHit() ? "cache_hit" : "executed";
      }
      case UNKNOWN_TOOL -> "unknown_tool";
      case DENIED -> "denied";
      case RATE_LIMITED -> "rate_limited";
      case INVALID -> "invalid";
      case IDEMPOTENCY_KEY_REUSED -> "idempotency_conflict";
      case IDEMPOTENCY_IN_PROGRESS -> "in_progress";
      case APPROVAL_REQUIRED -> "pending_approval";
      case APPROVAL_REJECTED -> "rejected";
      case APPROVAL_EXPIRED -> "expired";
      case FAILED -> "failed";
    };
  }

  /** The error code, or null for a success. */
  public static String code(ToolOutcome outcome) {
    return outcome.isSuccess() ? null : outcome.code();
  }
}
