package dev.toolgate.ports.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool offered to the model; the adapter converts it to each provider's tool format.
 *
 * @param name letters, digits, {@code _} and {@code -}, at most 64 characters (the strictest
 *     provider's rule, OpenAI's)
 * @param description what the tool does, for the model; not null, may be empty
 * @param inputSchema the JSON Schema of the arguments; a JSON object with {@code "type": "object"}
 */
public record ModelTool(String name, String description, JsonNode inputSchema) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public ModelTool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tool name must be 1-64 letters, digits, '_' or '-', got '" + name + "'");
    }
    if (!inputSchema.isObject() || !"object".equals(inputSchema.path("type").asText())) {
      throw new IllegalArgumentException(
          "input schema of tool '" + name + "' must be a JSON object schema with \"type\": \"object\", got "
              + inputSchema);
    }
  }
}
