package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place where gateway outcomes become MCP. A success is a result whose
 * {@code structuredContent} is the tool's result (it matches the output schema) with the same JSON as
 * text. Every other outcome the caller can act on is a result with {@code isError: true}, whose
 * {@code structuredContent} is {@code {"error":{"code","message","details"},"retryable"}} (the codes
 * and details of the REST API) and whose text says what to do next. An unknown tool is protocol
 * misuse: a JSON-RPC error ({@code -32602}). Every result's {@code _meta} carries the request id.
 */
final class McpOutcomes {
  private McpOutcomes() {}

  /**
   * @param requestId the request id of the call (also in the audit record)
   * @param idempotencyKey the caller's idempotency key, or null; named in the advice on waiting
   * @throws McpError for an unknown tool
   */
  static CallToolResult result(ToolOutcome outcome, String requestId, String idempotencyKey) {
    if (outcome instanceof ToolOutcome.Succeeded s) {
      return succeeded(s, requestId);
    }
    if (outcome instanceof ToolOutcome.UnknownTool u) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("Unknown tool: " + u.tool())
          .data(Map.of("code", u.code(), "tool", u.tool(), "request_id", requestId))
          .build();
    }
    return failed(outcome, details(outcome), advice(outcome, idempotencyKey), requestId);
  }

  /**
   * The result of a call whose approval was decided inline: an approved call's own outcome, a
   * rejection, or (when the decision did not go through) the pending approval with why.
   */
  static CallToolResult decided(
      ToolOutcome.ApprovalRequired pending, DecisionOutcome decision, String requestId, String idempotencyKey) {
    if (decision instanceof DecisionOutcome.Approved approved) {
      return result(approved.execution(), requestId, idempotencyKey);
    }
    if (decision instanceof DecisionOutcome.Rejected rejected) {
      return result(
          new ToolOutcome.ApprovalRejected(
              pending.tool(), pending.approvalId(), rejected.approval().decidedBy(), rejected.approval().reason()),
          requestId,
          idempotencyKey);
    }
    if (decision instanceof DecisionOutcome.Expired) {
      return result(new ToolOutcome.ApprovalExpired(pending.tool(), pending.approvalId()), requestId, idempotencyKey);
    }
    return stillPending(pending, decision.code(), decisionMessage(decision), requestId, idempotencyKey);
  }

  /** The pending approval, with a note on why the inline question did not decide it. */
  static CallToolResult stillPending(
      ToolOutcome.ApprovalRequired pending, String code, String why, String requestId, String idempotencyKey) {
    ObjectNode details = details(pending);
    details.putObject("inline_approval").put("code", code).put("message", why);
    return failed(
        pending,
        details,
        "The approval was not decided here (" + why + "). " + advice(pending, idempotencyKey),
        requestId);
  }

  private static CallToolResult succeeded(ToolOutcome.Succeeded s, String requestId) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(McpTools.META + "request_id", requestId);
    meta.put(McpTools.META + "idempotent_replay", s.idempotentReplay());
    meta.put(McpTools.META + "cache", Map.of("hit", s.cacheHit(), "age_ms", s.cacheAgeMs()));
    if (s.approvalId() != null) {
      meta.put(McpTools.META + "approval_id", s.approvalId());
    }
    return CallToolResult.builder()
        .structuredContent(McpTools.map(s.result()))
        .addTextContent(Json.write(s.result()))
        .isError(false)
        .meta(meta)
        .build();
  }

  private static CallToolResult failed(ToolOutcome outcome, ObjectNode details, String advice, String requestId) {
    ObjectNode error = Json.object();
    error.put("code", outcome.code());
    error.put("message", outcome.message());
    error.set("details", details);
    ObjectNode body = Json.object();
    body.set("error", error);
    body.put("retryable", retryable(outcome));
    return CallToolResult.builder()
        .structuredContent(McpTools.map(body))
        .addTextContent(outcome.code() + ": " + outcome.message() + ". " + advice)
        .isError(true)
        .meta(Map.of(McpTools.META + "request_id", requestId))
        .build();
  }

  private static boolean retryable(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Failed f) {
      return f.retryable();
    }
    return outcome instanceof ToolOutcome.RateLimited || outcome instanceof ToolOutcome.IdempotencyInProgress;
  }

  private static ObjectNode details(ToolOutcome outcome) {
    ObjectNode details = Json.object();
    if (outcome instanceof ToolOutcome.Denied d) {
      details.put("rule", d.rule());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      details.put("scope", r.scope()).put("retry_after_ms", r.retryAfterMs());
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      ArrayNode errors = details.putArray("errors");
      i.errors().forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused k) {
      details.put("idempotency_key", k.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress p) {
      details.put("idempotency_key", p.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      details.put("approval_id", a.approvalId())
          .put("expires_at", a.expiresAt().toString())
          .put("idempotent_replay", a.idempotentReplay())
          .put("resource", McpResources.approvalUri(a.approvalId()));
    } else if (outcome instanceof ToolOutcome.ApprovalRejected r) {
      details.put("approval_id", r.approvalId()).put("decided_by", r.decidedBy()).put("reason", r.reason());
    } else if (outcome instanceof ToolOutcome.ApprovalExpired e) {
      details.put("approval_id", e.approvalId());
    } else if (outcome instanceof ToolOutcome.Failed f) {
      details.put("retryable", f.retryable());
    } else {
      throw new IllegalStateException("unmapped outcome " + outcome.getClass().getName());
    }
    return details;
  }

  /** What the caller can do next, in a sentence an agent can follow. */
  private static String advice(ToolOutcome outcome, String idempotencyKey) {
    if (outcome instanceof ToolOutcome.Denied) {
      return "Policy does not let this key call the tool; do not retry, ask an administrator if it is needed.";
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      return "Wait " + r.retryAfterMs() + " ms before calling again.";
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      return "Fix the arguments and call again: "
          + i.errors().stream().map(McpOutcomes::fieldError).collect(Collectors.joining("; "));
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused) {
      return "This key belongs to another call; use a new idempotency_key for new arguments.";
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress) {
      return "The first call with this key is still running; call again with the same key shortly to get its result.";
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      String uri = McpResources.approvalUri(a.approvalId());
      return "It has not run. A person with the approver role decides it (toolgate approvals approve "
          + a.approvalId() + ", or POST /confirm/" + a.approvalId() + "). Read the resource " + uri
          + " to see whether it was decided and, once approved, the call's outcome"
          + (idempotencyKey == null
              ? "."
              : "; or call the tool again with the same arguments and idempotency_key '" + idempotencyKey
                  + "' to receive that outcome.");
    } else if (outcome instanceof ToolOutcome.ApprovalRejected) {
      return "The call never ran; do not retry it unchanged.";
    } else if (outcome instanceof ToolOutcome.ApprovalExpired) {
      return "The call never ran; call the tool again to request a new approval.";
    } else if (outcome instanceof ToolOutcome.Failed f) {
      return f.retryable() ? "It may succeed if you call again later." : "Calling again with the same arguments will not help.";
    }
    throw new IllegalStateException("unmapped outcome " + outcome.getClass().getName());
  }

  private static String fieldError(FieldError error) {
    return (error.field().isEmpty() ? "(arguments)" : error.field()) + ": " + error.message();
  }

  private static String decisionMessage(DecisionOutcome decision) {
    if (decision instanceof DecisionOutcome.Forbidden f) {
      return f.message();
    } else if (decision instanceof DecisionOutcome.AlreadyDecided d) {
      return "it was already " + d.approval().status().wireName();
    } else if (decision instanceof DecisionOutcome.Stale) {
      return "the policy changed since the call was made; call the tool again";
    } else if (decision instanceof DecisionOutcome.NotFound) {
      return "the approval no longer exists";
    }
    throw new IllegalStateException("unmapped decision " + decision.getClass().getName());
  }
}
