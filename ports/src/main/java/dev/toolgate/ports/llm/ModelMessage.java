package dev.toolgate.ports.llm;

import dev.toolgate.ports.Json;
import java.util.List;
import java.util.Objects;

/** One message of a conversation sent to a model, in the order the model should read them. */
public sealed interface ModelMessage {
  /**
   * The text a tokenizer counts for {@code message}: its text, a tool call's name and arguments, a
   * tool result's tool name and content. Used to estimate the tokens of a request.
   */
  static String countedText(ModelMessage message) {
    if (message instanceof System system) {
      return system.text();
    }
    if (message instanceof User user) {
      return user.text();
    }
    if (message instanceof Assistant assistant) {
      StringBuilder all = new StringBuilder(assistant.text() == null ? "" : assistant.text());
      for (ModelToolCall call : assistant.toolCalls()) {
        all.append(' ').append(call.name()).append(' ').append(Json.write(call.arguments()));
      }
      return all.toString();
    }
    ToolResult result = (ToolResult) message;
    return result.toolName() + " " + result.content();
  }


  /** Instructions for the model; providers that take one system prompt get them joined. */
  record System(String text) implements ModelMessage {
    public System {
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("system message text must not be blank");
      }
    }
  }

  /** What the user said. */
  record User(String text) implements ModelMessage {
    public User {
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("user message text must not be blank");
      }
    }
  }

  /**
   * An earlier reply of the model, echoed back: its text (null or empty when it only called tools)
   * and the tool calls it made.
   */
  record Assistant(String text, List<ModelToolCall> toolCalls) implements ModelMessage {
    public Assistant {
      toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
      if ((text == null || text.isEmpty()) && toolCalls.isEmpty()) {
        throw new IllegalArgumentException("assistant message needs text or at least one tool call");
      }
    }
  }

  /**
   * The outcome of one tool call, answering the {@link ModelToolCall} with the same id.
   *
   * @param callId the {@link ModelToolCall#id()} it answers
   * @param toolName the tool's name (Gemini matches results by name)
   * @param content the result as text (usually JSON), never null
   * @param isError true when the call failed or was refused; the content says why
   */
  record ToolResult(String callId, String toolName, String content, boolean isError) implements ModelMessage {
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(content, "content");
      if (callId.isBlank()) {
        throw new IllegalArgumentException("tool result callId must not be blank, got '" + callId + "'");
      }
    }
  }
}
