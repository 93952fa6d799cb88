package dev.toolgate.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
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
    return switch (outcome.kind()) {
      case SUCCEEDED -> succeeded((ToolOutcome.Succeeded) outcome, requestId);
      case UNKNOWN_TOOL -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("Unknown tool: " + outcome.tool())
          .data(Map.of("code", outcome.code(), "tool", outcome.tool(), "request_id", requestId))
          .build();
      case DENIED -> failed(
          outcome,
          outcome.details(),
          "Policy does not let this key call the tool; do not retry, ask an administrator if it is needed.",
          requestId);
      case RATE_LIMITED -> failed(
          outcome,
          outcome.details(),
          "Wait " + ((ToolOutcome.RateLimited) outcome).retryAfterMs() + " ms before calling again.",
          requestId);
      case INVALID -> failed(
          outcome,
          outcome.details(),
          "Fix the arguments and call again: "
              + ((ToolOutcome.Invalid) outcome).errors().stream().map(McpOutcomes::fieldError)
                  .collect(Collectors.joining("; ")),
          requestId);
      case IDEMPOTENCY_KEY_REUSED -> failed(
          outcome,
          outcome.details(),
          "This key belongs to another call; use a new idempotency_key for new arguments.",
          requestId);
      case IDEMPOTENCY_IN_PROGRESS -> failed(
          outcome,
          outcome.details(),
          "The first call with this key is still running; call again with the same key shortly to get its result.",
          requestId);
      case APPROVAL_REQUIRED -> {
        ToolOutcome.ApprovalRequired pending = (ToolOutcome.ApprovalRequired) outcome;
        yield failed(pending, pendingDetails(pending), approvalAdvice(pending, idempotencyKey), requestId);
      }
      case APPROVAL_REJECTED -> failed(
          outcome, outcome.details(), "The call never ran; do not retry it unchanged.", requestId);
      case APPROVAL_EXPIRED -> failed(
          outcome, outcome.details(), "The call never ran; call the tool again to request a new approval.", requestId);
      case FAILED -> toolFailed((ToolOutcome.Failed) outcome, requestId);
    };
  }

  /**
   * The result of a call whose approval was decided inline: an approved call's own outcome, a
   * rejection, or (when the decision did not go through) the pending approval with why.
   */
  static CallToolResult decided(
      ToolOutcome.ApprovalRequired pending, DecisionOutcome decision, String requestId, String idempotencyKey) {
    return switch (decision.kind()) {
      case APPROVED -> result(((DecisionOutcome.Approved) decision).execution(), requestId, idempotencyKey);
      case REJECTED -> result(
          new ToolOutcome.ApprovalRejected(
              pending.tool(), pending.approvalId(), decision.approval().decidedBy(), decision.approval().reason()),
          requestId,
          idempotencyKey);
      case EXPIRED -> result(
          new ToolOutcome.ApprovalExpired(pending.tool(), pending.approvalId()), requestId, idempotencyKey);
      case NOT_FOUND, ALREADY_DECIDED, STALE, FORBIDDEN, UNAVAILABLE -> stillPending(
          pending, decision.code(), decision.message(), requestId, idempotencyKey);
    };
  }

  /** The pending approval, with a note on why the inline question did not decide it. */
  static CallToolResult stillPending(
      ToolOutcome.ApprovalRequired pending, String code, String why, String requestId, String idempotencyKey) {
    ObjectNode details = pendingDetails(pending);
    details.putObject("inline_approval").put("code", code).put("message", why);
    return failed(
        pending,
        details,
        "The approval was not decided here (" + why + "). " + approvalAdvice(pending, idempotencyKey),
        requestId);
  }

  private static CallToolResult succeeded(ToolOutcome.Succeeded s, String requestId) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (s.result().meta() != null) {
      meta.putAll(McpTools.map(s.result().meta()));
    }
    meta.put(McpTools.META + "request_id", requestId);
    meta.put(McpTools.META + "idempotent_replay", s.idempotentReplay());
    meta.put(McpTools.META + "cache", Map.of("hit", s.cacheHit(), "age_ms", s.cacheAgeMs()));
    if (s.approvalId() != null) {
      meta.put(McpTools.META + "approval_id", s.approvalId());
    }
    return toolResult(s.result(), meta);
  }

  /** A tool's own error result passes through as it was; any other failure is Toolgate's error shape. */
  private static CallToolResult toolFailed(ToolOutcome.Failed f, String requestId) {
    if (f.result() != null) {
      Map<String, Object> meta = new LinkedHashMap<>();
      if (f.result().meta() != null) {
        meta.putAll(McpTools.map(f.result().meta()));
      }
      meta.put(McpTools.META + "request_id", requestId);
      return toolResult(f.result(), meta);
    }
    return failed(
        f,
        f.details(),
        f.failure() == FailureCode.OUTCOME_UNKNOWN
            ? "Do not call again with this idempotency_key: first find out whether the earlier call took effect."
            : f.retryable() ? "It may succeed if you call again later." : "Calling again with the same arguments will not help.",
        requestId);
  }

  /** The result's content blocks in the SDK's types, read from MCP's wire form: nothing is lost on the way. */
  private static CallToolResult toolResult(ToolResult result, Map<String, Object> meta) {
    List<McpSchema.Content> content =
        Json.mapper().convertValue(result.toJson().get("content"), new TypeReference<List<McpSchema.Content>>() {});
    CallToolResult.Builder builder = CallToolResult.builder().content(content).isError(result.isError()).meta(meta);
    // The SDK's builder refuses null: a result without structured content (common upstream) simply has none.
    if (result.structured() != null) {
      builder.structuredContent(McpTools.map(result.structured()));
    }
    return builder.build();
  }

  private static CallToolResult failed(ToolOutcome outcome, ObjectNode details, String advice, String requestId) {
    ObjectNode error = Json.object();
    error.put("code", outcome.code());
    error.put("message", outcome.message());
    error.set("details", details);
    ObjectNode body = Json.object();
    body.set("error", error);
    body.put("retryable", outcome.retryable());
    return CallToolResult.builder()
        .structuredContent(McpTools.map(body))
        .addTextContent(outcome.code() + ": " + outcome.message() + ". " + advice)
        .isError(true)
        .meta(Map.of(McpTools.META + "request_id", requestId))
        .build();
  }

  private static ObjectNode pendingDetails(ToolOutcome.ApprovalRequired pending) {
    return pending.details().put("resource", McpResources.approvalUri(pending.approvalId()));
  }

  /** What the caller can do about a pending approval, in a sentence an agent can follow. */
  private static String approvalAdvice(ToolOutcome.ApprovalRequired a, String idempotencyKey) {
    String uri = McpResources.approvalUri(a.approvalId());
    return "It has not run. A person with the approver role decides it (toolgate approvals approve "
        + a.approvalId() + ", or POST /confirm/" + a.approvalId() + "). Read the resource " + uri
        + " to see whether it was decided and, once approved, the call's outcome"
        + (idempotencyKey == null
            ? "."
            : "; or call the tool again with the same arguments and idempotency_key '" + idempotencyKey
                + "' to receive that outcome.");
  }

  private static String fieldError(FieldError error) {
    return (error.field().isEmpty() ? "(arguments)" : error.field()) + ": " + error.message();
  }
}
