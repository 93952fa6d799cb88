package dev.toolgate.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * The JSON the CLI prints for tools, approvals, keys and chain checks: snake_case keys, instants as
 * ISO-8601 strings, never a secret or a secret hash.
 */
final class CliJson {
  private CliJson() {}

  /** A tool as listed (seed 003's list shape): what it is, without its schemas. */
  static ObjectNode toolSummary(ToolDefinition tool, boolean requiresApproval) {
    ObjectNode node = Json.object();
    node.put("name", tool.name());
    node.put("title", tool.title());
    node.put("category", tool.category().wireName());
    node.put("description", tool.description());
    node.put("requires_approval", requiresApproval);
    return node;
  }

  /** A tool with its schemas, annotations and version, as the REST API's discovery shows it. */
  static ObjectNode toolDetails(ToolDefinition tool, boolean requiresApproval) {
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

  /** An approval with its effective status, bound arguments and, once it ran, the stored outcome. */
  static ObjectNode approval(Approval approval) {
    ObjectNode node = Json.object();
    node.put("id", approval.id());
    node.put("status", approval.statusAt(Instant.now()).wireName());
    node.put("tool", approval.tool());
    node.set("arguments", approval.arguments());
    node.put("requester_key_id", approval.requesterKeyId());
    node.put("client_key", approval.clientKey());
    node.put("fingerprint", approval.fingerprint());
    node.put("idempotency_key", approval.idempotencyKey());
    node.put("request_id", approval.requestId());
    node.put("policy_version", approval.policyVersion());
    node.put("created_at", approval.createdAt().toString());
    node.put("expires_at", approval.expiresAt().toString());
    node.put("decided_by", approval.decidedBy());
    node.put("decided_at", approval.decidedAt() == null ? null : approval.decidedAt().toString());
    node.put("reason", approval.reason());
    node.set("outcome", approval.outcome());
    return node;
  }

  /** A key without its secret or hash. */
  static ObjectNode key(ApiKey key) {
    ObjectNode node = Json.object();
    node.put("id", key.id());
    node.put("name", key.name());
    node.set("roles", sorted(key.roles().stream().map(Role::wireName).toList()));
    node.put("client_key", key.clientKey());
    node.set("allow_tools", sorted(key.allowTools()));
    node.set("deny_tools", sorted(key.denyTools()));
    node.put("rate_limit", key.rateLimit() == null ? null : key.rateLimit().toString());
    node.put("active", key.active());
    node.put("created_at", key.createdAt().toString());
    node.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
    return node;
  }

  static ObjectNode verification(ChainVerification check) {
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

  static ArrayNode sorted(Collection<String> values) {
    ArrayNode array = Json.mapper().createArrayNode();
    values.stream().sorted(Comparator.naturalOrder()).forEach(array::add);
    return array;
  }
}
