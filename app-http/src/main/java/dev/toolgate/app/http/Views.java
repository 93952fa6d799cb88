package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.UsageRow;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The JSON forms of the values the REST API shows. Secrets and key hashes never appear here. */
final class Views {
  static final String MASK = "***";

  /** Compared after lower-casing and dropping {@code -} and {@code _}; matches core's audit redaction. */
  private static final List<String> CREDENTIAL_WORDS =
      List.of("password", "passwd", "secret", "token", "apikey", "authorization");

  private Views() {}

  /** Seed 001 discovery form of a tool. */
  static ObjectNode tool(ToolDefinition tool, boolean requiresApproval) {
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
    annotations.put("requires_approval", requiresApproval);
    annotations.put("cacheable", a.cacheable());
    node.put("version", tool.version());
    return node;
  }

  static ObjectNode approval(Approval approval, Instant now, Set<String> sensitiveArguments) {
    ObjectNode node = Json.object();
    node.put("id", approval.id());
    node.put("status", approval.statusAt(now).wireName());
    node.put("tool", approval.tool());
    node.put("requester_key_id", approval.requesterKeyId());
    node.put("client_key", approval.clientKey());
    node.set("arguments", redact(approval.arguments(), sensitiveArguments));
    node.put("fingerprint", approval.fingerprint());
    node.put("policy_version", approval.policyVersion());
    node.put("idempotency_key", approval.idempotencyKey());
    node.put("request_id", approval.requestId());
    node.put("created_at", approval.createdAt().toString());
    node.put("expires_at", approval.expiresAt().toString());
    node.put("decided_by", approval.decidedBy());
    node.put("decided_at", approval.decidedAt() == null ? null : approval.decidedAt().toString());
    node.put("reason", approval.reason());
    node.set("outcome", approval.outcome());
    return node;
  }

  static ObjectNode key(ApiKey key) {
    ObjectNode node = Json.object();
    node.put("id", key.id());
    node.put("name", key.name());
    node.set("roles", strings(key.roles().stream().map(Role::wireName).toList()));
    node.put("client_key", key.clientKey());
    node.set("allow_tools", strings(key.allowTools()));
    node.set("deny_tools", strings(key.denyTools()));
    node.put("rate_limit", key.rateLimit() == null ? null : key.rateLimit().toString());
    node.put("created_at", key.createdAt().toString());
    node.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    node.put("active", key.active());
    return node;
  }

  static ObjectNode usage(UsageRow row) {
    ObjectNode node = Json.object();
    node.put("day", row.day().toString());
    node.put("client_key", row.clientKey());
    node.put("tool", row.tool());
    node.put("calls", row.calls());
    node.put("errors", row.errors());
    node.put("total_latency_ms", row.totalLatencyMs());
    node.put("avg_latency_ms", row.calls() == 0 ? 0 : row.totalLatencyMs() / row.calls());
    node.put("tokens", row.tokens());
    node.put("cost_usd", row.costUsd());
    return node;
  }

  static ObjectNode fieldErrors(List<FieldError> errors) {
    ObjectNode details = Json.object();
    ArrayNode array = details.putArray("errors");
    errors.forEach(error -> array.addObject().put("field", error.field()).put("message", error.message()));
    return details;
  }

  static String typeName(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * A copy with the values of sensitive names masked at any depth: the names the tool declares, and
   * any name that looks like a credential.
   */
  static JsonNode redact(JsonNode value, Set<String> sensitiveNames) {
    if (value == null) {
      return null;
    }
    if (value.isObject()) {
      ObjectNode copy = Json.object();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        copy.set(
            field.getKey(),
            isSensitive(field.getKey(), sensitiveNames)
                ? TextNode.valueOf(MASK)
                : redact(field.getValue(), sensitiveNames));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.mapper().createArrayNode();
      value.forEach(element -> copy.add(redact(element, sensitiveNames)));
      return copy;
    }
    return value;
  }

  private static boolean isSensitive(String name, Set<String> sensitiveNames) {
    if (sensitiveNames.contains(name)) {
      return true;
    }
    String normalized = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return CREDENTIAL_WORDS.stream().anyMatch(normalized::contains);
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = Json.mapper().createArrayNode();
    new TreeSet<>(values).forEach(array::add);
    return array;
  }
}
