package dev.toolgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores tool outcomes as JSON (in idempotency records and approvals) and reads them back. The
 * {@code kind} field names the variant; every other field is the variant's own, in snake case, so
 * stored rows stay readable to people looking at the database.
 */
final class OutcomeCodec {
  private OutcomeCodec() {}

  static ObjectNode encode(ToolOutcome outcome) {
    ObjectNode node = Json.object();
    node.put("tool", outcome.tool());
    if (outcome instanceof ToolOutcome.Succeeded s) {
      node.put("kind", "succeeded");
      node.set("result", s.result());
      node.put("idempotent_replay", s.idempotentReplay());
      node.put("cache_hit", s.cacheHit());
      node.put("cache_age_ms", s.cacheAgeMs());
      node.put("approval_id", s.approvalId());
    } else if (outcome instanceof ToolOutcome.UnknownTool) {
      node.put("kind", "unknown_tool");
    } else if (outcome instanceof ToolOutcome.Denied d) {
      node.put("kind", "denied");
      node.put("rule", d.rule());
      node.put("message", d.message());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      node.put("kind", "rate_limited");
      node.put("scope", r.scope());
      node.put("retry_after_ms", r.retryAfterMs());
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      node.put("kind", "invalid");
      node.set("errors", fieldErrors(i.errors()));
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused k) {
      node.put("kind", "idempotency_key_reused");
      node.put("idempotency_key", k.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress p) {
      node.put("kind", "idempotency_in_progress");
      node.put("idempotency_key", p.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      node.put("kind", "approval_required");
      node.put("approval_id", a.approvalId());
      node.put("expires_at", a.expiresAt() == null ? null : a.expiresAt().toString());
      node.put("idempotent_replay", a.idempotentReplay());
    } else if (outcome instanceof ToolOutcome.ApprovalRejected r) {
      node.put("kind", "approval_rejected");
      node.put("approval_id", r.approvalId());
      node.put("decided_by", r.decidedBy());
      node.put("reason", r.reason());
    } else if (outcome instanceof ToolOutcome.ApprovalExpired e) {
      node.put("kind", "approval_expired");
      node.put("approval_id", e.approvalId());
    } else if (outcome instanceof ToolOutcome.Failed f) {
      node.put("kind", "failed");
      node.put("code", f.code());
      node.put("message", f.message());
      node.put("retryable", f.retryable());
    } else {
      throw new IllegalArgumentException("no encoding for outcome " + outcome);
    }
    return node;
  }

  /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} for anything else. */
  static ToolOutcome decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a stored outcome is a JSON object, got " + node);
    }
    String tool = text(node, "tool");
    String kind = text(node, "kind");
    if (kind == null) {
      throw new IllegalArgumentException("stored outcome has no kind: " + Json.write(node));
    }
    return switch (kind) {
      case "succeeded" -> new ToolOutcome.Succeeded(
          tool,
          node.path("result"),
          node.path("idempotent_replay").asBoolean(),
          node.path("cache_hit").asBoolean(),
          node.path("cache_age_ms").asLong(),
          text(node, "approval_id"));
      case "unknown_tool" -> new ToolOutcome.UnknownTool(tool);
      case "denied" -> new ToolOutcome.Denied(tool, text(node, "rule"), text(node, "message"));
      case "rate_limited" -> new ToolOutcome.RateLimited(
          tool, text(node, "scope"), node.path("retry_after_ms").asLong());
      case "invalid" -> new ToolOutcome.Invalid(tool, fieldErrors(node.path("errors")));
      case "idempotency_key_reused" -> new ToolOutcome.IdempotencyKeyReused(
          tool, text(node, "idempotency_key"));
      case "idempotency_in_progress" -> new ToolOutcome.IdempotencyInProgress(
          tool, text(node, "idempotency_key"));
      case "approval_required" -> new ToolOutcome.ApprovalRequired(
          tool,
          text(node, "approval_id"),
          text(node, "expires_at") == null ? null : Instant.parse(text(node, "expires_at")),
          node.path("idempotent_replay").asBoolean());
      case "approval_rejected" -> new ToolOutcome.ApprovalRejected(
          tool, text(node, "approval_id"), text(node, "decided_by"), text(node, "reason"));
      case "approval_expired" -> new ToolOutcome.ApprovalExpired(tool, text(node, "approval_id"));
      case "failed" -> new ToolOutcome.Failed(
          tool, text(node, "code"), text(node, "message"), node.path("retryable").asBoolean());
      default -> throw new IllegalArgumentException("unknown stored outcome kind '" + kind + "'");
    };
  }

  private static ArrayNode fieldErrors(List<FieldError> errors) {
    ArrayNode array = Json.mapper().createArrayNode();
    for (FieldError error : errors) {
      array.addObject().put("field", error.field()).put("message", error.message());
    }
    return array;
  }

  private static List<FieldError> fieldErrors(JsonNode array) {
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode error : array) {
      errors.add(new FieldError(error.path("field").asText(), error.path("message").asText()));
    }
    return errors;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
