package dev.toolgate.core.chat.model;

import dev.toolgate.ports.tool.ToolDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Toolgate's tool names as a model may spell them. MCP names may hold dots ({@code github.create_issue})
 * and run to 128 characters; the strictest provider (OpenAI) takes only letters, digits, {@code _} and
 * {@code -}, at most 64. A dot becomes {@code _}; a name that still does not fit, or would collide
 * with another, is not offered to the model.
 */
final class ToolNames {
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Map<String, String> toModel = new HashMap<>();
  private final Map<String, String> toTool = new HashMap<>();

  ToolNames(List<ToolDefinition> tools) {
    for (ToolDefinition tool : tools) {
      String spelled = tool.name().replace('.', '_');
      if (MODEL_NAME.matcher(spelled).matches() && !toTool.containsKey(spelled)) {
        toModel.put(tool.name(), spelled);
        toTool.put(spelled, tool.name());
      }
    }
  }

  /** How the model sees {@code tool}; empty when it cannot be offered. */
  Optional<String> modelName(String tool) {
    return Optional.ofNullable(toModel.get(tool));
  }

  /** How the model sees {@code tool} in a call it already made: its own spelling when not offered. */
  String spelledForModel(String tool) {
    return toModel.getOrDefault(tool, tool);
  }

  /** The tool the model meant; a name nobody was offered stays as it is (the pipeline refuses it). */
  String toolName(String modelName) {
    return toTool.getOrDefault(modelName, modelName);
  }
}
