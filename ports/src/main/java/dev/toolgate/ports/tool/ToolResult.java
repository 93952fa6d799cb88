package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an executor returns: structured content (the JSON matching the tool's output schema), content
 * blocks, an error flag and MCP {@code _meta}, as an MCP {@code CallToolResult} carries them.
 *
 * <p>{@code isError} means the tool ran and reports a failure in its own words (an MCP tool error);
 * the gateway records it as a failed call and shows the content to the caller. Failures of the
 * gateway's own making are exceptions, not results (see {@link ToolExecutor}).
 *
 * @param structured the structured result, or null when the tool returns content only
 * @param content the content blocks (may be empty when {@code structured} is set)
 * @param isError whether the tool reports an error
 * @param meta MCP {@code _meta} of the result, or null
 */
public record ToolResult(JsonNode structured, List<ToolContent> content, boolean isError, JsonNode meta) {
  public ToolResult {
    content = List.copyOf(content);
    if (structured == null && content.isEmpty()) {
      throw new IllegalArgumentException("a tool result needs structured content or at least one content block");
    }
  }

  /** A successful structured result, with the same JSON as its one text block (as MCP recommends). */
  public static ToolResult of(JsonNode structured) {
    Objects.requireNonNull(structured, "structured");
    return new ToolResult(structured, List.of(ToolContent.text(Json.write(structured))), false, null);
  }

  /** A tool error in the tool's own words. */
  public static ToolResult error(String text) {
    return new ToolResult(null, List.of(ToolContent.text(text)), true, null);
  }

  /** The text of every text block, joined by newlines (empty if there is none). */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (ToolContent block : content) {
      if (block instanceof ToolContent.Text t) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(t.text());
      }
    }
    return text.toString();
  }

  /**
   * The result as JSON in MCP's wire form ({@code structuredContent}, {@code content},
   * {@code isError}, {@code _meta}); {@link #fromJson} reads it back. This is how results are stored
   * (idempotency records, cache, approvals) and shown outside MCP.
   */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    if (structured != null) {
      node.set("structuredContent", structured);
    }
    ArrayNode blocks = node.putArray("content");
    content.forEach(block -> blocks.add(ToolContentJson.write(block)));
    node.put("isError", isError);
    if (meta != null) {
      node.set("_meta", meta);
    }
    return node;
  }

  /** Reads what {@link #toJson} wrote; throws {@link IllegalArgumentException} naming what is wrong. */
  public static ToolResult fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a tool result is a JSON object, got " + node);
    }
    JsonNode structured = node.get("structuredContent");
    List<ToolContent> content = new ArrayList<>();
    for (JsonNode block : node.path("content")) {
      content.add(ToolContentJson.read(block));
    }
    JsonNode meta = node.get("_meta");
    return new ToolResult(
        structured == null || structured.isNull() ? null : structured,
        content,
        node.path("isError").asBoolean(false),
        meta == null || meta.isNull() ? null : meta);
  }
}
