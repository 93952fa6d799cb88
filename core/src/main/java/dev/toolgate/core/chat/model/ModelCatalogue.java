package dev.toolgate.core.chat.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.CompactCatalogue;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The compact catalogue ({@link CompactCatalogue}, the same as MCP sessions get) as the model sees it:
 * instead of every tool with its schema, {@code search_tools}, {@code describe_tool} and
 * {@code call_tool}. Searching and describing are answered here, from the tools the principal may
 * call, without the pipeline (they read the catalogue only); {@code call_tool} becomes a call of the
 * named tool, which runs through the guarded pipeline like any other. Its {@code idempotency_key}
 * argument is not used: the orchestrator keys each call by the turn.
 */
final class ModelCatalogue {
  private ModelCatalogue() {}

  /** The three meta-tools as model tools. */
  static List<ModelTool> tools() {
    return CompactCatalogue.metaTools().stream()
        .map(tool -> new ModelTool(tool.name(), tool.description(), tool.inputSchema()))
        .toList();
  }

  /** The real call a {@code call_tool} request stands for; empty for anything else or without a name. */
  static Optional<PlannedCall> call(ModelToolCall call) {
    if (!CompactCatalogue.CALL.equals(call.name()) || !(call.arguments().path("name").isTextual())
        || call.arguments().path("name").asText().isBlank()) {
      return Optional.empty();
    }
    JsonNode arguments = call.arguments().path("arguments");
    return Optional.of(new PlannedCall(call.id(), call.arguments().path("name").asText(),
        arguments.isObject() ? arguments : Json.object()));
  }

  /** The answer to a search, a describe, or a call this catalogue cannot make: an error result that says why. */
  static ModelMessage.ToolResult lookUp(ModelToolCall call, List<ToolDefinition> visible) {
    JsonNode arguments = call.arguments();
    switch (call.name()) {
      case CompactCatalogue.SEARCH -> {
        JsonNode query = arguments.path("query");
        if (!query.isMissingNode() && !query.isNull() && !query.isTextual()) {
          return error(call, "query must be a string of words");
        }
        ToolCategory category = null;
        if (arguments.hasNonNull("category")) {
          category = CompactCatalogue.category(arguments.path("category").asText()).orElse(null);
          if (category == null) {
            return error(call, "category must be one of read, write, workflow; got " + arguments.path("category"));
          }
        }
        int limit = arguments.path("limit").canConvertToInt()
            ? Math.max(1, Math.min(CompactCatalogue.MAX_LIMIT, arguments.path("limit").asInt()))
            : CompactCatalogue.DEFAULT_LIMIT;
        List<ToolDefinition> matches = CompactCatalogue.search(visible, query.isTextual() ? query.asText() : null, category);
        String text = matches.isEmpty() ? CompactCatalogue.noMatch() : Json.write(CompactCatalogue.searchResult(matches, limit));
        return new ModelMessage.ToolResult(call.id(), call.name(), text, false);
      }
      case CompactCatalogue.DESCRIBE -> {
        String name = arguments.path("name").asText("");
        return visible.stream()
            .filter(tool -> tool.name().equals(name))
            .findFirst()
            .map(tool -> new ModelMessage.ToolResult(call.id(), call.name(), Json.write(described(tool)), false))
            .orElseGet(() -> error(call, "unknown_tool: no tool named '" + name
                + "' that this key may call. Use search_tools to find one."));
      }
      case CompactCatalogue.CALL -> {
        return error(call, "name is required: the name of the tool to call (see search_tools)");
      }
      default -> {
        return error(call, "unknown_tool: '" + call.name() + "' is not offered; use search_tools, describe_tool"
            + " and call_tool");
      }
    }
  }

  /** A call already made, as the model asked for it: through {@code call_tool}. */
  static ModelToolCall asMetaCall(String id, String tool, JsonNode arguments) {
    ObjectNode wrapped = Json.object().put("name", tool);
    wrapped.set("arguments", arguments);
    return new ModelToolCall(id, CompactCatalogue.CALL, wrapped);
  }

  private static ObjectNode described(ToolDefinition tool) {
    ObjectNode node = Json.object();
    node.put("name", tool.name());
    node.put("title", tool.title());
    node.put("description", tool.description());
    node.put("category", tool.category().wireName());
    node.set("input_schema", tool.inputSchema());
    if (tool.outputSchema() != null && !tool.outputSchema().isNull() && !tool.outputSchema().isMissingNode()) {
      node.set("output_schema", tool.outputSchema());
    }
    if (tool.annotations().requiresApproval()) {
      node.put("requires_approval", true);
    }
    return node;
  }

  private static ModelMessage.ToolResult error(ModelToolCall call, String message) {
    return new ModelMessage.ToolResult(call.id(), call.name(), message, true);
  }
}
