package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a tool is: its name, human texts, category, JSON Schemas and behaviour hints.
 *
 * @param name unique, stable identifier, as MCP allows tool names: 1–128 letters, digits, {@code _},
 *     {@code -} and {@code .} (a dot separates a namespace, e.g. {@code github.create_issue})
 * @param title short human title
 * @param description what the tool does, written for an agent choosing tools
 * @param category READ, WRITE or WORKFLOW
 * @param inputSchema JSON Schema (draft 2020-12) of the arguments object; never null
 * @param outputSchema JSON Schema of the result; never null
 * @param annotations behaviour hints
 */
public record ToolDefinition(
    String name,
    String title,
    String description,
    ToolCategory category,
    JsonNode inputSchema,
    JsonNode outputSchema,
    ToolAnnotations annotations) {

  // MCP's tool names: letters, digits, "_", "-" and "." (for namespaces such as github.create_issue), 1-128.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' must be 1-128 letters, digits, '_', '-' or '.', not starting with '-' or '.'");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(outputSchema, "outputSchema");
    Objects.requireNonNull(annotations, "annotations");
    if (category == ToolCategory.READ && !annotations.readOnly()) {
      throw new IllegalArgumentException("tool '" + name + "' is in category read but not read-only");
    }
  }

  /**
   * The definition's version: a SHA-256 over its canonical JSON form. A tool whose definition changes
   * gets a new version, so a change can be reported rather than silently served.
   */
  public String version() {
    var node = Json.object();
    node.put("name", name);
    node.put("title", title);
    node.put("description", description);
    node.put("category", category.wireName());
    node.set("input_schema", inputSchema);
    node.set("output_schema", outputSchema);
    node.set("annotations", Json.mapper().valueToTree(annotations));
    return Json.fingerprint(node).substring(0, 16);
  }
}
