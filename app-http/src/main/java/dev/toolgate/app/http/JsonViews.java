package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.UsageRow;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON forms of Toolgate's values, the same for every face: the REST API answers with them and
 * the CLI prints them, so that a script can move between the two without re-parsing. Keys are
 * snake_case and instants ISO-8601 strings. A secret or a key hash never appears, and approval
 * arguments are masked by core's {@link Redaction} rules.
 *
 * <p>Nothing here is HTTP: status codes, headers and the {@code request_id} member are the face's
 * to add (REST: {@code OutcomeMapper} and {@code Replies}).
 */
public final class JsonViews {
  private JsonViews() {}

  /**
   * The one error shape, {@code {"error":{"code","message","details"}}}; {@code code} is stable and
   * machine-readable, {@code details} is an object (empty when {@code details} is null).
   */
  public static ObjectNode error(String code, String message, ObjectNode details) {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", message);
    error.set("details", details == null ? Json.object() : details);
    ObjectNode body = Json.object();
    body.set("error", error);
    return body;
  }

  /**
   * A tool call's outcome, in the shape seed 003 clients expect:
   * {@code {"success":true,"tool_name","result","idempotent_replay","cache":{"hit","age_ms"}}} (with
   * {@code approval_id} when an approval ran it), or {@code {"success":false,"tool_name","error"}}
   * with the outcome's details. A call waiting for approval also carries
   * {@code requires_confirmation}, {@code approval_id} (and seed 001's {@code pending_action_id}),
   * {@code expires_at} and {@code idempotent_replay} at the top.
   */
  public static ObjectNode toolCall(ToolOutcome outcome) {
    ObjectNode body = Json.object();
    body.put("success", outcome.isSuccess());
    body.put("tool_name", outcome.tool());
    if (outcome.isSuccess()) {
      ToolOutcome.Succeeded s = (ToolOutcome.Succeeded) outcome;
      body.set("result", result(s.result()));
      if (s.result().structured() == null) {
        body.set("content", s.result().toJson().get("content"));
      }
      body.put("idempotent_replay", s.idempotentReplay());
      body.putObject("cache").put("hit", s.cacheHit()).put("age_ms", s.cacheAgeMs());
      if (s.approvalId() != null) {
        body.put("approval_id", s.approvalId());
      }
      return body;
    }
    ObjectNode details = outcome.details();
    if (outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED) {
      body.put("requires_confirmation", true);
      body.set("approval_id", details.get("approval_id"));
      body.set("pending_action_id", details.get("approval_id"));
      body.set("expires_at", details.get("expires_at"));
      body.set("idempotent_replay", details.get("idempotent_replay"));
    }
    body.setAll(error(outcome.code(), outcome.message(), details));
    return body;
  }

  /**
   * A decision on an approval: {@code {"approval_id","decision","approval"}} when it was approved or
   * rejected (an approval also carries {@code success} and the call's {@link #toolCall} body as
   * {@code execution}), otherwise the error shape saying why nothing changed.
   *
   * @param approvalView how the decided approval is shown, normally {@link #approval}
   */
  public static ObjectNode decision(DecisionOutcome outcome, Function<Approval, ObjectNode> approvalView) {
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED) {
      ToolOutcome execution = ((DecisionOutcome.Approved) outcome).execution();
      ObjectNode body = decided(outcome.code(), outcome.approval(), approvalView);
      body.put("success", execution.isSuccess());
      body.set("execution", toolCall(execution));
      return body;
    }
    if (outcome.kind() == DecisionOutcome.Kind.REJECTED) {
      return decided(outcome.code(), outcome.approval(), approvalView);
    }
    return error(outcome.code(), outcome.message(), outcome.details());
  }

  /**
   * What a REST caller sees as {@code result}: the structured result, or for a tool that returns
   * content only, its text (or, without text, its content blocks).
   */
  private static JsonNode result(ToolResult result) {
    if (result.structured() != null) {
      return result.structured();
    }
    String text = result.text();
    return text.isEmpty() ? result.toJson().get("content") : TextNode.valueOf(text);
  }

  /** A tool as listed: what it is and whether calls wait for approval, without its schemas. */
  public static ObjectNode toolSummary(ToolDefinition tool) {
    ObjectNode node = Json.object();
    node.put("name", tool.name());
    node.put("title", tool.title());
    node.put("category", tool.category().wireName());
    node.put("description", tool.description());
    node.put("requires_approval", tool.annotations().requiresApproval());
    return node;
  }

  /**
   * A tool with its input and output schemas, annotations and version hash (seed 001's discovery
   * form).
   *
   * @param tool as the catalog serves it (so {@code requires_approval} includes configured policy)
   */
  public static ObjectNode toolDetails(ToolDefinition tool) {
    ObjectNode node = Json.object();
    node.put("name", tool.name());
    node.put("title", tool.title());
    node.put("description", tool.description());
    node.put("category", tool.category().wireName());
    node.set("input_schema", tool.inputSchema());
    node.set("output_schema", tool.outputSchema());
    ToolAnnotations a = tool.annotations();
    ObjectNode annotations = node.putObject("annotations");
    annotations.put("read_only", a.readOnly());
    annotations.put("destructive", a.destructive());
    annotations.put("idempotent", a.idempotent());
    annotations.put("open_world", a.openWorld());
    annotations.put("requires_approval", a.requiresApproval());
    annotations.put("cacheable", a.cacheable());
    node.put("version", tool.version());
    return node;
  }

  /**
   * An approval with its status at {@code now} (a pending one past its expiry shows as expired), its
   * bound arguments (as core returns them: sensitive values already masked) and, once it ran, the
   * stored outcome.
   */
  public static ObjectNode approval(Approval approval, Instant now) {
    ObjectNode node = Json.object();
    node.put("id", approval.id());
    node.put("status", approval.statusAt(now).wireName());
    node.put("tool", approval.tool());
    node.put("requester_key_id", approval.requesterKeyId());
    node.put("client_key", approval.clientKey());
    node.set("arguments", approval.arguments());
    node.put("fingerprint", approval.fingerprint());
    node.put("policy_version", approval.policyVersion());
    node.put("idempotency_key", approval.idempotencyKey());
    node.put("request_id", approval.requestId());
    node.put("created_at", approval.createdAt().toString());
    node.put("expires_at", approval.expiresAt().toString());
    node.put("decided_by", approval.decidedBy());
    node.put("decided_at", instant(approval.decidedAt()));
    node.put("reason", approval.reason());
    node.set("outcome", approval.outcome());
    return node;
  }

  /** An API key: who it is and what it may do, never its secret or the secret's hash. */
  public static ObjectNode key(ApiKey key) {
    ObjectNode node = Json.object();
    node.put("id", key.id());
    node.put("name", key.name());
    node.set("roles", sorted(key.roles().stream().map(Role::wireName).toList()));
    node.put("client_key", key.clientKey());
    node.set("allow_tools", sorted(key.allowTools()));
    node.set("deny_tools", sorted(key.denyTools()));
    node.put("rate_limit", key.rateLimit() == null ? null : key.rateLimit().toString());
    node.put("created_at", key.createdAt().toString());
    node.put("revoked_at", instant(key.revokedAt()));
    node.put("active", key.active());
    return node;
  }

  /** One day's counters for a client and tool (a model is the tool {@code llm:<provider>/<model>}), with the average latency. */
  public static ObjectNode usage(UsageRow row) {
    ObjectNode node = Json.object();
    node.put("day", row.day().toString());
    node.put("client_key", row.clientKey());
    node.put("tool", row.tool());
    node.put("calls", row.calls());
    node.put("errors", row.errors());
    node.put("total_latency_ms", row.totalLatencyMs());
    node.put("avg_latency_ms", row.calls() == 0 ? 0 : row.totalLatencyMs() / row.calls());
    node.put("tokens_in", row.tokensIn());
    node.put("tokens_out", row.tokensOut());
    node.put("tokens", row.tokens());
    node.put("cost_usd", row.costUsd());
    return node;
  }

  /** The audit chain check: {@code valid}, {@code checked}, {@code first_bad_seq} and {@code problem} (null when valid). */
  public static ObjectNode verification(ChainVerification check) {
    ObjectNode node = Json.object();
    node.put("valid", check.valid());
    node.put("checked", check.checked());
    if (check.firstBadSeq() == null) {
      node.putNull("first_bad_seq");
    } else {
      node.put("first_bad_seq", check.firstBadSeq());
    }
    node.put("problem", check.problem());
    return node;
  }

  /** Error details listing each problem at its field: {@code {"errors":[{"field","message"}]}}. */
  public static ObjectNode fieldErrors(List<FieldError> errors) {
    return FieldError.details(errors);
  }

  private static ObjectNode decided(String decision, Approval approval, Function<Approval, ObjectNode> approvalView) {
    ObjectNode body = Json.object();
    body.put("approval_id", approval.id());
    body.put("decision", decision);
    body.set("approval", approvalView.apply(approval));
    return body;
  }

  /** Sorted, so that the same key always prints the same. */
  private static ArrayNode sorted(Collection<String> values) {
    ArrayNode array = Json.mapper().createArrayNode();
    new TreeSet<>(values).forEach(array::add);
    return array;
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
