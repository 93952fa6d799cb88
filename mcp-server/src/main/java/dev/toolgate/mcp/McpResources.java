package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a client can read, each as JSON and each seen through the caller's rights: the tool catalogue
 * it may call, the approvals it may see (pending ones as a list, any one by id, with the stored
 * outcome once it ran) and, for operators and admins, the newest audit records.
 */
final class McpResources {
  static final String SCHEME = "toolgate://";
  static final String TOOLS = "toolgate://tools";
  static final String APPROVALS = "toolgate://approvals";
  static final String APPROVAL_PREFIX = "toolgate://approvals/";
  static final String APPROVAL_TEMPLATE = APPROVAL_PREFIX + "{approval_id}";
  static final String AUDIT = "toolgate://audit/recent";

  static final int APPROVALS_SHOWN = 100;
  static final int AUDIT_RECORDS_SHOWN = 50;
  private static final String JSON = "application/json";

  private final Toolgate toolgate;
  private final Clock clock;

  McpResources(Toolgate toolgate, Clock clock) {
    this.toolgate = toolgate;
    this.clock = clock;
  }

  static String approvalUri(String approvalId) {
    return APPROVAL_PREFIX + approvalId;
  }

  List<McpSchema.Resource> list(Principal principal) {
    List<McpSchema.Resource> resources = new ArrayList<>();
    resources.add(
        resource(TOOLS, "tools", "Tool catalogue",
            "Every tool this key may call: description, category, input and output JSON Schemas, behaviour"
                + " hints, whether calls wait for approval, and the definition's version."));
    resources.add(
        resource(APPROVALS, "approvals", "Pending approvals",
            "Calls waiting for a human decision that this key may see (its own requests; approvers and operators"
                + " see all), newest first, with their arguments (secrets masked) and expiry."));
    if (mayReadAudit(principal)) {
      resources.add(
          resource(AUDIT, "audit", "Recent audit records",
              "The newest " + AUDIT_RECORDS_SHOWN + " records of the hash-chained audit log, newest first: who"
                  + " called which tool, with what outcome and latency."));
    }
    return resources;
  }

  List<McpSchema.ResourceTemplate> templates() {
    return List.of(
        McpSchema.ResourceTemplate.builder(APPROVAL_TEMPLATE, "approval")
            .title("One approval")
            .description(
                "One approval by id: its status (pending, approved, rejected, expired), who decided it and why,"
                    + " and once approved the stored outcome of the call. Poll it to wait for a decision.")
            .mimeType(JSON)
            .build());
  }

  McpSchema.ReadResourceResult read(Principal principal, String uri) {
    JsonNode content;
    if (TOOLS.equals(uri)) {
      content = tools(principal);
    } else if (APPROVALS.equals(uri)) {
      ArrayNode approvals = Json.mapper().createArrayNode();
      Instant now = clock.instant();
      toolgate.approvals().list(principal, ApprovalStatus.PENDING, APPROVALS_SHOWN)
          .forEach(approval -> approvals.add(approval(approval, now)));
      ObjectNode body = Json.object();
      body.set("approvals", approvals);
      content = body;
    } else if (uri != null && uri.startsWith(APPROVAL_PREFIX)) {
      String id = uri.substring(APPROVAL_PREFIX.length());
      content =
          toolgate.approvals().find(principal, id)
              .map(approval -> (JsonNode) approval(approval, clock.instant()))
              .orElseThrow(() -> notFound(uri));
    } else if (AUDIT.equals(uri) && mayReadAudit(principal)) {
      content = audit(principal, uri);
    } else {
      throw notFound(uri);
    }
    return new McpSchema.ReadResourceResult(
        List.of(new McpSchema.TextResourceContents(uri, JSON, Json.write(content), null)), null);
  }

  private ObjectNode tools(Principal principal) {
    ArrayNode tools = Json.mapper().createArrayNode();
    for (ToolDefinition tool : toolgate.catalog().visibleTo(principal)) {
      ObjectNode node = tools.addObject();
      node.put("name", tool.name());
      node.put("title", tool.title());
      node.put("description", tool.description());
      node.put("category", tool.category().wireName());
      node.put("requires_approval", tool.annotations().requiresApproval());
      ToolAnnotations a = tool.annotations();
      node.putObject("annotations")
          .put("read_only", a.readOnly())
          .put("destructive", a.destructive())
          .put("idempotent", a.idempotent())
          .put("open_world", a.openWorld())
          .put("cacheable", a.cacheable())
          .put("accepts_idempotency_key", McpTools.takesIdempotencyKey(tool));
      node.set("input_schema", tool.inputSchema());
      node.set("output_schema", tool.outputSchema());
      node.put("version", tool.version());
    }
    ObjectNode body = Json.object();
    body.set("tools", tools);
    return body;
  }

  private ObjectNode audit(Principal principal, String uri) {
    ArrayNode records = Json.mapper().createArrayNode();
    try {
      toolgate.audit().query(principal, AuditQuery.tail(AUDIT_RECORDS_SHOWN)).forEach(r -> records.add(r.toJson()));
    } catch (ForbiddenException e) {
      throw notFound(uri);
    }
    ObjectNode body = Json.object();
    body.set("records", records);
    return body;
  }

  private static boolean mayReadAudit(Principal principal) {
    return principal.hasAnyRole(Set.of(Role.OPERATOR));
  }

  private ObjectNode approval(Approval approval, Instant now) {
    ObjectNode node = Json.object();
    node.put("id", approval.id());
    node.put("status", approval.statusAt(now).wireName());
    node.put("tool", approval.tool());
    node.put("requester_key_id", approval.requesterKeyId());
    node.put("client_key", approval.clientKey());
    node.set("arguments", approval.arguments());
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

  private static McpSchema.Resource resource(String uri, String name, String title, String description) {
    return McpSchema.Resource.builder(uri, name).title(title).description(description).mimeType(JSON).build();
  }

  private static McpError notFound(String uri) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
        .message("Resource not found: " + uri)
        .data(java.util.Map.of("uri", String.valueOf(uri)))
        .build();
  }
}
