package dev.toolgate.ports.llm;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One chat request.
 *
 * @param model the provider's model name, or null for the provider's configured default
 * @param messages the conversation so far; at least one message, and at least one that is not a
 *     system message
 * @param tools the tools the model may call; empty for none; names are unique
 * @param parameters per-request sampling overrides; {@link ModelParameters#DEFAULTS} for none
 * @param streaming whether deltas go to the {@link ModelStream} as they arrive
 * @param requestId the caller's id for this request, for logs; not null
 */
public record ModelRequest(
    String model,
    List<ModelMessage> messages,
    List<ModelTool> tools,
    ModelParameters parameters,
    boolean streaming,
    String requestId) {

  public ModelRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(requestId, "requestId");
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must be null (provider default) or a name, got '" + model + "'");
    }
    if (messages.stream().allMatch(m -> m instanceof ModelMessage.System)) {
      throw new IllegalArgumentException(
          "messages must hold at least one user, assistant or tool message, got " + messages.size()
              + " system message(s)");
    }
    Set<String> names = new HashSet<>();
    for (ModelTool tool : tools) {
      if (!names.add(tool.name())) {
        throw new IllegalArgumentException("tool names must be unique, got '" + tool.name() + "' twice");
      }
    }
  }
}
