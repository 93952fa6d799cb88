package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.CompactCatalogue;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact catalogue ({@link CompactCatalogue}, shared with the chat's model planner) as MCP serves
 * it: three meta-tools that stand in for the whole tool list, so that an agent pays for a few hundred
 * tokens of {@code tools/list} however many tools the gateway offers, and looks up the schema of a tool
 * only when it is about to use it.
 *
 * <ul>
 *   <li>{@code search_tools}: words and an optional category → names, titles, one-line descriptions;
 *   <li>{@code describe_tool}: a name → the tool exactly as the full {@code tools/list} shows it;
 *   <li>{@code call_tool}: a name, arguments and an optional idempotency key → the call, made by
 *       {@link ToolCalls} like a direct {@code tools/call} (policy, rate limit, validation,
 *       idempotency, approvals, audit) and answered by {@link McpOutcomes} the same way.
 * </ul>
 *
 * <p>Search and describe see only {@code ToolCatalog.visibleTo} the caller, so a tool the key may not
 * call is neither found nor described; calling it is refused by the pipeline as any direct call is.
 */
final class McpCompactCatalogue {
  static final String SEARCH = CompactCatalogue.SEARCH;
  static final String DESCRIBE = CompactCatalogue.DESCRIBE;
  static final String CALL = CompactCatalogue.CALL;
  static final Set<String> NAMES = CompactCatalogue.NAMES;

  static final int DEFAULT_LIMIT = CompactCatalogue.DEFAULT_LIMIT;
  static final int MAX_LIMIT = CompactCatalogue.MAX_LIMIT;

  private static final List<McpSchema.Tool> META_TOOLS =
      CompactCatalogue.metaTools().stream().map(McpCompactCatalogue::meta).toList();

  private final Toolgate toolgate;

  McpCompactCatalogue(Toolgate toolgate) {
    this.toolgate = toolgate;
  }

  /** What {@code tools/list} shows in compact mode, in name order (as pages expect). */
  static List<McpSchema.Tool> metaTools() {
    return META_TOOLS;
  }

  /** {@code search_tools}: the caller's tools that match, best first. */
  CallToolResult search(Principal principal, String requestId, Map<String, Object> arguments) {
    Object query = arguments.get("query");
    if (query != null && !(query instanceof String)) {
      return invalid(SEARCH, "query", "must be a string of words", requestId);
    }
    ToolCategory category = null;
    Object categoryValue = arguments.get("category");
    if (categoryValue != null) {
      category = CompactCatalogue.category(String.valueOf(categoryValue)).orElse(null);
      if (category == null) {
        return invalid(SEARCH, "category", "must be one of read, write, workflow; got '" + categoryValue + "'", requestId);
      }
    }
    int limit = DEFAULT_LIMIT;
    Object limitValue = arguments.get("limit");
    if (limitValue != null) {
      if (!(limitValue instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 1 || n.intValue() > MAX_LIMIT) {
        return invalid(SEARCH, "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got " + limitValue, requestId);
      }
      limit = n.intValue();
    }
    List<ToolDefinition> matches =
        CompactCatalogue.search(toolgate.catalog().visibleTo(principal), (String) query, category);
    ObjectNode body = CompactCatalogue.searchResult(matches, limit);
    return ok(body, matches.isEmpty() ? CompactCatalogue.noMatch() : Json.write(body), requestId);
  }

  /** {@code describe_tool}: the tool as the full listing shows it, or an error a model can act on. */
  CallToolResult describe(Principal principal, String requestId, Map<String, Object> arguments) {
    if (!(arguments.get("name") instanceof String name) || name.isBlank()) {
      return invalid(DESCRIBE, "name", "is required: a tool name from search_tools", requestId);
    }
    ToolDefinition tool = toolgate.catalog().find(principal, name).orElse(null);
    if (tool == null) {
      ObjectNode body = Json.object();
      body.putObject("error")
          .put("code", "unknown_tool")
          .put("message", "No tool named '" + name + "' that this key may call");
      body.put("retryable", false);
      return CallToolResult.builder()
          .structuredContent(McpTools.map(body))
          .addTextContent("unknown_tool: no tool named '" + name + "' that this key may call. Use search_tools to find one.")
          .isError(true)
          .meta(Map.of(McpTools.META + "request_id", requestId))
          .build();
    }
    JsonNode described = Json.mapper().valueToTree(McpTools.toMcp(tool));
    return ok((ObjectNode) described, Json.write(described), requestId);
  }

  /**
   * {@code call_tool} as the direct request it stands for: the named tool, its arguments, and the
   * idempotency key in {@code _meta} (where {@link McpTools#split} looks for it). The outer request's
   * {@code _meta} is kept, so its progress token and JSON-RPC id (for cancellation) still apply.
   *
   * @return the inner request, or null with {@code problem} set when the arguments do not name a call
   */
  static Inner unwrap(McpSchema.CallToolRequest outer) {
    Map<String, Object> arguments = outer.arguments() == null ? Map.of() : outer.arguments();
    if (!(arguments.get("name") instanceof String name) || name.isBlank()) {
      return Inner.invalid(new FieldError("name", "is required: the name of the tool to call (see search_tools)"));
    }
    Object given = arguments.get("arguments");
    if (given != null && !(given instanceof Map)) {
      return Inner.invalid(new FieldError("arguments", "must be an object of the tool's arguments"));
    }
    Object key = arguments.get(McpTools.IDEMPOTENCY_KEY);
    if (key != null && !(key instanceof String)) {
      return Inner.invalid(new FieldError(McpTools.IDEMPOTENCY_KEY, "must be a string"));
    }
    Map<String, Object> meta = new HashMap<>();
    if (outer.meta() != null) {
      meta.putAll(outer.meta());
    }
    if (key != null) {
      Object metaKey = meta.get(McpTools.IDEMPOTENCY_KEY);
      if (metaKey != null && !metaKey.equals(key)) {
        return Inner.invalid(new FieldError(
            McpTools.IDEMPOTENCY_KEY, "the idempotency_key argument and _meta.idempotency_key differ; send one of them"));
      }
      meta.put(McpTools.IDEMPOTENCY_KEY, key);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> toolArguments = given == null ? Map.of() : (Map<String, Object>) given;
    return new Inner(McpSchema.CallToolRequest.builder(name).arguments(toolArguments).meta(meta).build(), null);
  }

  /** @param request the direct call, or null; @param problem why there is none */
  record Inner(McpSchema.CallToolRequest request, FieldError problem) {
    static Inner invalid(FieldError problem) {
      return new Inner(null, problem);
    }
  }

  static CallToolResult invalid(String tool, FieldError problem, String requestId) {
    return McpOutcomes.result(new ToolOutcome.Invalid(tool, List.of(problem)), requestId, null);
  }

  private static CallToolResult invalid(String tool, String field, String message, String requestId) {
    return invalid(tool, new FieldError(field, message), requestId);
  }

  private static CallToolResult ok(ObjectNode body, String text, String requestId) {
    return CallToolResult.builder()
        .structuredContent(McpTools.map(body))
        .addTextContent(text)
        .isError(false)
        .meta(Map.of(McpTools.META + "request_id", requestId))
        .build();
  }

  private static McpSchema.Tool meta(CompactCatalogue.MetaTool tool) {
    return McpSchema.Tool.builder(tool.name())
        .title(tool.title())
        .description(tool.description())
        .inputSchema(McpTools.map(tool.inputSchema()))
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(tool.title())
                .readOnlyHint(tool.readOnly())
                .destructiveHint(!tool.readOnly())
                .idempotentHint(tool.readOnly())
                .openWorldHint(!tool.readOnly())
                .build())
        .build();
  }
}
