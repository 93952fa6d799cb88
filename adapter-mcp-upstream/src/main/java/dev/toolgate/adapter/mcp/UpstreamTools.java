package dev.toolgate.adapter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Set;

/**
 * Maps between the SDK's protocol records and the gateway's tool types, faithfully: schemas and
 * results go through their JSON wire form, so nothing an upstream sends is dropped on the way.
 */
final class UpstreamTools {
  // The SDK's records carry Jackson annotations; a plain mapper writes their wire form.
  private static final ObjectMapper MAPPER = Json.mapper();

  private UpstreamTools() {}

  /** Whether {@code server}'s config lets the gateway offer the upstream tool {@code tool}. */
  static boolean exposed(McpServerConfig server, String tool) {
    boolean allowed = server.allowTools().isEmpty() || Glob.any(server.allowTools(), tool);
    return allowed && !Glob.any(server.denyTools(), tool);
  }

  /** The gateway's definition of an upstream tool; throws IllegalArgumentException for a bad name. */
  static ToolDefinition definition(McpServerConfig server, McpSchema.Tool tool) {
    McpSchema.ToolAnnotations hints = tool.annotations();
    boolean readOnly = hints != null && Boolean.TRUE.equals(hints.readOnlyHint());
    // MCP's defaults: a tool that is not read-only may be destructive and talks to an open world.
    boolean destructive = !readOnly && (hints == null || hints.destructiveHint() == null || hints.destructiveHint());
    boolean idempotent = hints != null && Boolean.TRUE.equals(hints.idempotentHint());
    boolean openWorld = hints == null || hints.openWorldHint() == null || hints.openWorldHint();
    boolean approval = server.approvalTools() == null
        // By default only an explicit destructiveHint asks for approval, not the protocol's default.
        ? !readOnly && hints != null && Boolean.TRUE.equals(hints.destructiveHint())
        : Glob.any(server.approvalTools(), tool.name());
    // A call cut off by a crash runs again only when running twice has no additional effect.
    ToolAnnotations annotations = new ToolAnnotations(
        readOnly, destructive, idempotent, openWorld, approval, readOnly && server.cacheReadOnly(), Set.of(),
        readOnly || idempotent ? Recovery.RERUN : Recovery.UNKNOWN);
    String title = tool.title() != null ? tool.title()
        : hints != null && hints.title() != null ? hints.title() : tool.name();
    JsonNode input = tool.inputSchema() == null ? emptyObjectSchema() : MAPPER.valueToTree(tool.inputSchema());
    // An upstream without an output schema may return anything; the empty schema accepts anything.
    JsonNode output = tool.outputSchema() == null ? Json.object() : MAPPER.valueToTree(tool.outputSchema());
    return new ToolDefinition(
        server.exposedName(tool.name()),
        title,
        tool.description() == null ? "" : tool.description(),
        readOnly ? ToolCategory.READ : ToolCategory.WRITE,
        input,
        output,
        annotations);
  }

  /** The upstream's result as the gateway's, every content type, structured content, isError and _meta. */
  static ToolResult result(McpSchema.CallToolResult result) {
    ObjectNode wire = MAPPER.valueToTree(result);
    if (wire.path("content").isEmpty() && wire.path("structuredContent").isMissingNode()) {
      // MCP allows an empty result; the gateway's ToolResult needs one block, so give it an empty text.
      wire.putArray("content").addObject().put("type", "text").put("text", "");
    }
    return ToolResult.fromJson(wire);
  }

  /** The SDK's record for a JSON value of the wire (elicitation/sampling results from downstream). */
  static <T> T read(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  static JsonNode write(Object record) {
    return MAPPER.valueToTree(record);
  }

  private static JsonNode emptyObjectSchema() {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    return schema;
  }
}
