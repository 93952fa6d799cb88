package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compact catalogue: three meta-tools that stand in for the whole tool list, so that an agent (an
 * MCP session or the chat's model) pays for a few hundred tokens of tool definitions however many
 * tools the gateway offers, and looks a tool's schema up only when it is about to use it. One
 * implementation for every face: the MCP server answers its {@code tools/list} and meta-tool calls
 * with it, the chat's model planner offers the same three tools to its model.
 *
 * <ul>
 *   <li>{@value #SEARCH}: words and an optional category → names, titles, one-line descriptions;
 *   <li>{@value #DESCRIBE}: a name → the tool's full definition;
 *   <li>{@value #CALL}: a name and arguments → the call, guarded like any other.
 * </ul>
 *
 * <p>Everything here works on the tools a caller may see ({@link ToolCatalog#visibleTo}); the faces
 * validate arguments and shape results their own way.
 */
public final class CompactCatalogue {
  public static final String SEARCH = "search_tools";
  public static final String DESCRIBE = "describe_tool";
  public static final String CALL = "call_tool";
  public static final Set<String> NAMES = Set.of(SEARCH, DESCRIBE, CALL);

  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;
  /** One-line descriptions in search results are cut here: the full text is what describe_tool is for. */
  static final int SUMMARY_CHARS = 160;

  /**
   * One meta-tool as every face offers it.
   *
   * @param inputSchema the JSON Schema of its arguments
   * @param readOnly whether it only reads (search and describe) or acts (call)
   */
  public record MetaTool(String name, String title, String description, JsonNode inputSchema, boolean readOnly) {}

  private static final List<MetaTool> META_TOOLS = List.of(
      new MetaTool(
          CALL,
          "Call a tool",
          "Call a tool by name with its arguments, guarded like any call (policy, rate limits, schema, approvals,"
              + " audit). For a tool that changes something, pass an idempotency_key and reuse it when you retry,"
              + " so the action happens once.",
          Json.parse("{\"type\":\"object\",\"properties\":{"
              + "\"name\":{\"type\":\"string\"},"
              + "\"arguments\":{\"type\":\"object\",\"description\":\"As the tool's input schema says.\"},"
              + "\"idempotency_key\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":255}"
              + "},\"required\":[\"name\"],\"additionalProperties\":false}"),
          false),
      new MetaTool(
          DESCRIBE,
          "Describe a tool",
          "The full definition of one tool: description, input and output JSON Schemas, hints.",
          Json.parse("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"],"
              + "\"additionalProperties\":false}"),
          true),
      new MetaTool(
          SEARCH,
          "Search tools",
          "Find the tools you may call. Give a few words (and optionally a category); get names, titles and one-line"
              + " descriptions. Then describe_tool for a tool's arguments, and call_tool to call it.",
          Json.parse("{\"type\":\"object\",\"properties\":{"
              + "\"query\":{\"type\":\"string\",\"description\":\"Words to look for; omit to list every tool.\"},"
              + "\"category\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"workflow\"]},"
              + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":" + MAX_LIMIT + ",\"default\":" + DEFAULT_LIMIT + "}"
              + "},\"additionalProperties\":false}"),
          true));

  private CompactCatalogue() {}

  /** The three meta-tools, in name order (as MCP pages expect). */
  public static List<MetaTool> metaTools() {
    return META_TOOLS;
  }

  /** A category by its wire name ({@code read}, {@code write}, {@code workflow}). */
  public static Optional<ToolCategory> category(String wireName) {
    return Arrays.stream(ToolCategory.values()).filter(c -> c.wireName().equals(wireName)).findFirst();
  }

  /**
   * The tools among {@code visible} that match, best first: every one (in {@code visible}'s order)
   * when there are no words.
   *
   * @param query words to look for, or null
   * @param category only this category, or null for all
   */
  public static List<ToolDefinition> search(List<ToolDefinition> visible, String query, ToolCategory category) {
    List<String> words = words(query);
    Map<String, Integer> scores = new HashMap<>();
    for (ToolDefinition tool : visible) {
      if (category == null || tool.category() == category) {
        int score = score(tool, words);
        if (words.isEmpty() || score > 0) {
          scores.put(tool.name(), score);
        }
      }
    }
    return visible.stream()
        .filter(t -> scores.containsKey(t.name()))
        .sorted(Comparator.<ToolDefinition>comparingInt(t -> -scores.get(t.name())).thenComparing(ToolDefinition::name))
        .toList();
  }

  /** {@code {"tools": [the first limit summaries], "total": all matches}}. */
  public static ObjectNode searchResult(List<ToolDefinition> matches, int limit) {
    ObjectNode body = Json.object();
    ArrayNode tools = body.putArray("tools");
    matches.stream().limit(limit).forEach(tool -> tools.add(summary(tool)));
    body.put("total", matches.size());
    return body;
  }

  /** What a search with no match says, so that the agent tries again rather than gives up. */
  public static String noMatch() {
    return "No tool you may call matches; try other words, or no words to list every tool.";
  }

  /** A tool as one search hit shows it. */
  public static ObjectNode summary(ToolDefinition tool) {
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

  /** The first sentence of a description, on one line, at most {@value #SUMMARY_CHARS} characters. */
  public static String oneLine(String description) {
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
}
