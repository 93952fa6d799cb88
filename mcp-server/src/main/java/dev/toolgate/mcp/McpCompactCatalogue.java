package dev.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compact catalogue: three meta-tools that stand in for the whole tool list, so that an agent pays
 * for a few hundred tokens of {@code tools/list} however many tools the gateway offers, and looks up
 * the schema of a tool only when it is about to use it.
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
  static final String SEARCH = "search_tools";
  static final String DESCRIBE = "describe_tool";
  static final String CALL = "call_tool";
  static final Set<String> NAMES = Set.of(SEARCH, DESCRIBE, CALL);

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 50;
  /** One-line descriptions in search results are cut here: the full text is what describe_tool is for. */
  private static final int SUMMARY_CHARS = 160;

  private static final List<McpSchema.Tool> META_TOOLS = List.of(callTool(), describeTool(), searchTool());

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
      category = Arrays.stream(ToolCategory.values())
          .filter(c -> c.wireName().equals(String.valueOf(categoryValue)))
          .findFirst()
          .orElse(null);
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
    List<String> words = words((String) query);
    ToolCategory wanted = category;
    List<ToolDefinition> visible = toolgate.catalog().visibleTo(principal);
    Map<String, Integer> scores = new HashMap<>();
    for (ToolDefinition tool : visible) {
      if (wanted == null || tool.category() == wanted) {
        int score = score(tool, words);
        if (words.isEmpty() || score > 0) {
          scores.put(tool.name(), score);
        }
      }
    }
    List<ToolDefinition> matches =
        visible.stream()
            .filter(t -> scores.containsKey(t.name()))
            .sorted(Comparator.<ToolDefinition>comparingInt(t -> -scores.get(t.name())).thenComparing(ToolDefinition::name))
            .toList();
    ObjectNode body = Json.object();
    ArrayNode tools = body.putArray("tools");
    matches.stream().limit(limit).forEach(tool -> tools.add(summary(tool)));
    body.put("total", matches.size());
    String text = matches.isEmpty()
        ? "No tool you may call matches; try other words, or no words to list every tool."
        : Json.write(body);
    return ok(body, text, requestId);
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

  /** A tool as one search hit shows it. */
  static ObjectNode summary(ToolDefinition tool) {
    ObjectNode node = Json.object();
    node.put("name", tool.name());
    node.put("title", tool.title());
    node.put("description", oneLine(tool.description()));
    node.put("category", tool.category().wireName());
    if (tool.annotations().requiresApproval()) {
      node.put("requires_approval", true);
    }
    return node;
  }

  static String oneLine(String description) {
    String flat = description == null ? "" : description.strip().replaceAll("\\s+", " ");
    int sentence = flat.indexOf(". ");
    String first = sentence > 0 ? flat.substring(0, sentence + 1) : flat;
    return first.length() <= SUMMARY_CHARS ? first : first.substring(0, SUMMARY_CHARS - 1).stripTrailing() + "…";
  }

  /** How many of the words a tool's name, title, description or category contains (name hits count double). */
  private static int score(ToolDefinition tool, List<String> words) {
    String name = tool.name().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ').replace('.', ' ');
    String text = (tool.title() + " " + tool.description() + " " + tool.category().wireName()).toLowerCase(Locale.ROOT);
    int score = 0;
    for (String word : words) {
      if (name.contains(word)) {
        score += 2;
      } else if (text.contains(word)) {
        score += 1;
      }
    }
    return score;
  }

  private static List<String> words(String query) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    return Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .distinct()
        .toList();
  }

  private static McpSchema.Tool searchTool() {
    return meta(
        SEARCH,
        "Search tools",
        "Find the tools you may call. Give a few words (and optionally a category); get names, titles and one-line"
            + " descriptions. Then describe_tool for a tool's arguments, and call_tool to call it.",
        "{\"type\":\"object\",\"properties\":{"
            + "\"query\":{\"type\":\"string\",\"description\":\"Words to look for; omit to list every tool.\"},"
            + "\"category\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"workflow\"]},"
            + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":" + MAX_LIMIT + ",\"default\":" + DEFAULT_LIMIT + "}"
            + "},\"additionalProperties\":false}",
        true);
  }

  private static McpSchema.Tool describeTool() {
    return meta(
        DESCRIBE,
        "Describe a tool",
        "The full definition of one tool: description, input and output JSON Schemas, hints.",
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],"
            + "\"additionalProperties\":false}",
        true);
  }

  private static McpSchema.Tool callTool() {
    return meta(
        CALL,
        "Call a tool",
        "Call a tool by name with its arguments, guarded like any call (policy, rate limits, schema, approvals,"
            + " audit). For a tool that changes something, pass an idempotency_key and reuse it when you retry,"
            + " so the action happens once.",
        "{\"type\":\"object\",\"properties\":{"
            + "\"name\":{\"type\":\"string\"},"
            + "\"arguments\":{\"type\":\"object\",\"description\":\"As the tool's input schema says.\"},"
            + "\"idempotency_key\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":255}"
            + "},\"required\":[\"name\"],\"additionalProperties\":false}",
        false);
  }

  private static McpSchema.Tool meta(String name, String title, String description, String inputSchema, boolean readOnly) {
    return McpSchema.Tool.builder(name)
        .title(title)
        .description(description)
        .inputSchema(McpTools.map(Json.parse(inputSchema)))
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(title)
                .readOnlyHint(readOnly)
                .destructiveHint(!readOnly)
                .idempotentHint(readOnly)
                .openWorldHint(!readOnly)
                .build())
        .build();
  }
}
