package dev.toolgate.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stores tool outcomes as JSON (in idempotency records and approvals) and reads them back. The
 * {@code kind} field names the variant; every other field is the variant's own, in snake case, so
 * stored rows stay readable to people looking at the database. A success stores its result as
 * {@code tool_result} (MCP's wire form); records written before results could carry content blocks
 * have a plain {@code result}, which still reads.
 */
public final class OutcomeCodec {
  private OutcomeCodec() {}

  public static ObjectNode encode(ToolOutcome outcome) {
    ObjectNode node = Json.object();
    node.put("tool", outcome.tool());
    node.put("kind", outcome.kind().name().toLowerCase(Locale.ROOT));
    // An expression, not a statement: the compiler insists that every kind is encoded.
    ObjectNode fields =
        switch (outcome.kind()) {
          case SUCCEEDED -> succeeded((ToolOutcome.Succeeded) outcome);
          case UNKNOWN_TOOL, RATE_LIMITED, INVALID, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS,
              APPROVAL_REQUIRED, APPROVAL_REJECTED, APPROVAL_EXPIRED -> outcome.details();
          case DENIED -> outcome.details().put("message", outcome.message());
          case FAILED -> failed((ToolOutcome.Failed) outcome);
        };
    node.setAll(fields);
    return node;
  }

  private static ObjectNode succeeded(ToolOutcome.Succeeded s) {
    ObjectNode node = Json.object();
    node.set("tool_result", s.result().toJson());
    node.put("idempotent_replay", s.idempotentReplay());
    node.put("cache_hit", s.cacheHit());
    node.put("cache_age_ms", s.cacheAgeMs());
    node.put("approval_id", s.approvalId());
    return node;
  }

  private static ObjectNode failed(ToolOutcome.Failed f) {
    ObjectNode node = Json.object();
    node.put("code", f.code());
    node.put("message", f.message());
    node.put("retryable", f.retryable());
    if (f.extraDetails() != null) {
      node.set("details", f.extraDetails());
    }
    if (f.result() != null) {
      node.set("tool_result", f.result().toJson());
    }
    return node;
  }

  /** Reads what {@link #encode} wrote; throws {@link IllegalArgumentException} for anything else. */
  public static ToolOutcome decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a stored outcome is a JSON object, got " + node);
    }
    String tool = text(node, "tool");
    String kindName = text(node, "kind");
    if (kindName == null) {
      throw new IllegalArgumentException("stored outcome has no kind: " + Json.write(node));
    }
    ToolOutcome.Kind kind;
    try {
      kind = ToolOutcome.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown stored outcome kind '" + kindName + "'", e);
    }
    return switch (kind) {
      case SUCCEEDED -> new ToolOutcome.Succeeded(
          tool,
          node.has("tool_result") ? ToolResult.fromJson(node.get("tool_result")) : ToolResult.of(node.path("result")),
          node.path("idempotent_replay").asBoolean(),
          node.path("cache_hit").asBoolean(),
          node.path("cache_age_ms").asLong(),
          text(node, "approval_id"));
      case UNKNOWN_TOOL -> new ToolOutcome.UnknownTool(tool);
      case DENIED -> new ToolOutcome.Denied(tool, text(node, "rule"), text(node, "message"));
      case RATE_LIMITED -> new ToolOutcome.RateLimited(
          tool, text(node, "scope"), node.path("retry_after_ms").asLong());
      case INVALID -> new ToolOutcome.Invalid(tool, fieldErrors(node.path("errors")));
      case IDEMPOTENCY_KEY_REUSED -> new ToolOutcome.IdempotencyKeyReused(tool, text(node, "idempotency_key"));
      case IDEMPOTENCY_IN_PROGRESS -> new ToolOutcome.IdempotencyInProgress(tool, text(node, "idempotency_key"));
      case APPROVAL_REQUIRED -> new ToolOutcome.ApprovalRequired(
          tool,
          text(node, "approval_id"),
          text(node, "expires_at") == null ? null : Instant.parse(text(node, "expires_at")),
          node.path("idempotent_replay").asBoolean());
      case APPROVAL_REJECTED -> new ToolOutcome.ApprovalRejected(
          tool, text(node, "approval_id"), text(node, "decided_by"), text(node, "reason"));
      case APPROVAL_EXPIRED -> new ToolOutcome.ApprovalExpired(tool, text(node, "approval_id"));
      case FAILED -> new ToolOutcome.Failed(
          tool,
          FailureCode.parse(text(node, "code")),
          text(node, "message"),
          node.path("retryable").asBoolean(),
          node.get("details") instanceof ObjectNode details ? details : null,
          node.has("tool_result") ? ToolResult.fromJson(node.get("tool_result")) : null);
    };
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
