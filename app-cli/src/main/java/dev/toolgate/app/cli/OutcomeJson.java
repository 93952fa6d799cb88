package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;

/**
 * A tool call's outcome as the REST API's body (app-http's {@code OutcomeMapper}, which is not
 * public), so that a script can move between the CLI and HTTP without re-parsing:
 * {@code {"success":true,"tool_name","result","idempotent_replay","cache","request_id"}}, or
 * {@code {"success":false,"tool_name","error":{"code","message","details"},"request_id"}}; a call
 * waiting for approval also carries {@code requires_confirmation} and {@code approval_id} at the top.
 */
final class OutcomeJson {
  private OutcomeJson() {}

  static ObjectNode of(ToolOutcome outcome, String requestId) {
    ObjectNode body = Json.object();
    if (outcome instanceof ToolOutcome.Succeeded s) {
      body.put("success", true);
      body.put("tool_name", s.tool());
      body.set("result", s.result());
      body.put("idempotent_replay", s.idempotentReplay());
      body.putObject("cache").put("hit", s.cacheHit()).put("age_ms", s.cacheAgeMs());
      if (s.approvalId() != null) {
        body.put("approval_id", s.approvalId());
      }
    } else {
      body.put("success", false);
      body.put("tool_name", outcome.tool());
      if (outcome instanceof ToolOutcome.ApprovalRequired a) {
        String expiresAt = a.expiresAt() == null ? null : a.expiresAt().toString();
        body.put("requires_confirmation", true);
        body.put("approval_id", a.approvalId());
        body.put("pending_action_id", a.approvalId());
        body.put("expires_at", expiresAt);
        body.put("idempotent_replay", a.idempotentReplay());
      }
      ObjectNode error = body.putObject("error");
      error.put("code", outcome.code());
      error.put("message", outcome.message());
      error.set("details", details(outcome));
    }
    body.put("request_id", requestId);
    return body;
  }

  private static ObjectNode details(ToolOutcome outcome) {
    ObjectNode details = Json.object();
    if (outcome instanceof ToolOutcome.UnknownTool) {
      details.put("tool", outcome.tool());
    } else if (outcome instanceof ToolOutcome.Denied d) {
      details.put("rule", d.rule());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      details.put("scope", r.scope()).put("retry_after_ms", r.retryAfterMs());
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      ArrayNode errors = details.putArray("errors");
      for (FieldError e : i.errors()) {
        errors.addObject().put("field", e.field()).put("message", e.message());
      }
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused k) {
      details.put("idempotency_key", k.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress p) {
      details.put("idempotency_key", p.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      details.put("approval_id", a.approvalId());
      details.put("expires_at", a.expiresAt() == null ? null : a.expiresAt().toString());
    } else if (outcome instanceof ToolOutcome.ApprovalRejected r) {
      details.put("approval_id", r.approvalId()).put("decided_by", r.decidedBy()).put("reason", r.reason());
    } else if (outcome instanceof ToolOutcome.ApprovalExpired e) {
      details.put("approval_id", e.approvalId());
    } else if (outcome instanceof ToolOutcome.Failed f) {
      details.put("retryable", f.retryable());
    }
    return details;
  }
}
