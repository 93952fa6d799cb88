package dev.toolgate.ports.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool call the model asks for. Toolgate, not the model library, decides whether and how it runs.
 *
 * @param id the provider's id for the call, to echo in {@link ModelMessage.ToolResult#callId()}; when
 *     the provider gives none (Gemini), the adapter makes one up
 * @param name the tool's name as offered in {@link ModelTool#name()}
 * @param arguments the arguments, parsed; a JSON object (empty when the model sent none)
 */
public record ModelToolCall(String id, String name, JsonNode arguments) {

  public ModelToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    if (id.isBlank()) {
      throw new IllegalArgumentException("tool call id must not be blank, got '" + id + "'");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool call name must not be blank, got '" + name + "'");
    }
    if (!arguments.isObject()) {
      throw new IllegalArgumentException(
          "arguments of tool call '" + name + "' must be a JSON object, got " + arguments.getNodeType());
    }
  }
}
