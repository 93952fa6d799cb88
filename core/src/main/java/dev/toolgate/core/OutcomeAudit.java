package dev.toolgate.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;

/** How a tool outcome reads in the audit log: its outcome word, its code and its details. */
final class OutcomeAudit {
  private OutcomeAudit() {}

  /** The stable lower-case word stored as the record's outcome. */
  static String word(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded s) {
      return s.idempotentReplay() ? "replayed" : s.cacheHit() ? "cache_hit" : "executed";
    }
    if (outcome instanceof ToolOutcome.UnknownTool) {
      return "unknown_tool";
    }
    if (outcome instanceof ToolOutcome.Denied) {
      return "denied";
    }
    if (outcome instanceof ToolOutcome.RateLimited) {
      return "rate_limited";
    }
    if (outcome instanceof ToolOutcome.Invalid) {
      return "invalid";
    }
    if (outcome instanceof ToolOutcome.IdempotencyKeyReused) {
      return "idempotency_conflict";
    }
    if (outcome instanceof ToolOutcome.IdempotencyInProgress) {
      return "in_progress";
    }
    if (outcome instanceof ToolOutcome.ApprovalRequired) {
      return "pending_approval";
    }
    if (outcome instanceof ToolOutcome.ApprovalRejected) {
      return "rejected";
    }
    if (outcome instanceof ToolOutcome.ApprovalExpired) {
      return "expired";
    }
    return "failed";
  }

  /** The error code, or null for a success. */
  static String code(ToolOutcome outcome) {
    return outcome.isSuccess() ? null : outcome.code();
  }

  /** Facts worth keeping beyond the word and code; never secrets. */
  static ObjectNode details(ToolOutcome outcome) {
    ObjectNode details = Json.object();
    if (outcome instanceof ToolOutcome.Succeeded s) {
      if (s.idempotentReplay()) {
        details.put("idempotent_replay", true);
      }
      if (s.cacheHit()) {
        details.put("cache_hit", true);
        details.put("cache_age_ms", s.cacheAgeMs());
      }
      if (s.approvalId() != null) {
        details.put("approval_id", s.approvalId());
      }
    } else if (outcome instanceof ToolOutcome.Denied d) {
      details.put("rule", d.rule());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      details.put("scope", r.scope());
      details.put("retry_after_ms", r.retryAfterMs());
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      var errors = details.putArray("errors");
      for (FieldError error : i.errors()) {
        errors.addObject().put("field", error.field()).put("message", error.message());
      }
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      details.put("approval_id", a.approvalId());
      details.put("expires_at", String.valueOf(a.expiresAt()));
      if (a.idempotentReplay()) {
        details.put("idempotent_replay", true);
      }
    } else if (outcome instanceof ToolOutcome.ApprovalRejected r) {
      details.put("approval_id", r.approvalId());
      details.put("decided_by", r.decidedBy());
    } else if (outcome instanceof ToolOutcome.ApprovalExpired e) {
      details.put("approval_id", e.approvalId());
    } else if (outcome instanceof ToolOutcome.Failed f) {
      details.put("retryable", f.retryable());
    }
    return details;
  }
}
