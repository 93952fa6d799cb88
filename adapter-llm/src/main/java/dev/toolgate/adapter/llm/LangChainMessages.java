package dev.toolgate.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Translates between the port's messages and tools and LangChain4j's. Each provider module then
 * turns these into its own wire format (OpenAI {@code tools[].function.parameters}, Anthropic
 * {@code input_schema}, Gemini {@code functionDeclarations}).
 */
final class LangChainMessages {
  /**
   * Prefix of the ids this adapter makes up for providers that give calls none (Gemini). They are
   * sent back as "no id", so the provider matches the result by name and order, as it expects.
   */
  static final String MADE_UP_ID = "tg-call-";

  /** Top-level schema keys that carry no meaning for a model and that LangChain4j cannot represent. */
  private static final Set<String> DROPPED_SCHEMA_KEYS = Set.of("$schema", "$id", "title", "examples", "$comment");

  private LangChainMessages() {}

  /** The conversation for LangChain4j; echoed replies kept in {@code turns} go back in their original form. */
  static List<ChatMessage> messages(List<ModelMessage> messages, ProviderTurns turns) {
    List<ChatMessage> out = new ArrayList<>(messages.size());
    for (ModelMessage message : messages) {
      AiMessage original = message instanceof ModelMessage.Assistant assistant ? turns.original(assistant) : null;
      out.add(original != null ? original : message(message));
    }
    return out;
  }

  private static ChatMessage message(ModelMessage message) {
    if (message instanceof ModelMessage.System system) {
      return SystemMessage.from(system.text());
    }
    if (message instanceof ModelMessage.User user) {
      return UserMessage.from(user.text());
    }
    if (message instanceof ModelMessage.Assistant assistant) {
      List<ToolExecutionRequest> requests = new ArrayList<>();
      for (ModelToolCall call : assistant.toolCalls()) {
        requests.add(
            ToolExecutionRequest.builder()
                .id(providerId(call.id()))
                .name(call.name())
                .arguments(Json.write(call.arguments()))
                .build());
      }
      String text = assistant.text() == null || assistant.text().isEmpty() ? null : assistant.text();
      return AiMessage.builder().text(text).toolExecutionRequests(requests).build();
    }
    ModelMessage.ToolResult result = (ModelMessage.ToolResult) message;
    return ToolExecutionResultMessage.builder()
        .id(providerId(result.callId()))
        .toolName(result.toolName())
        .text(result.content())
        .isError(result.isError() ? Boolean.TRUE : null)
        .build();
  }

  private static String providerId(String portId) {
    return portId.startsWith(MADE_UP_ID) ? null : portId;
  }

  /**
   * The tool as a LangChain4j specification. The schema goes through LangChain4j's own JSON Schema
   * reader, which keeps what it cannot type (formats, bounds, patterns) as raw schema.
   */
  static ToolSpecification tool(ModelTool tool) {
    ObjectNode schema = tool.inputSchema().deepCopy();
    schema.remove(DROPPED_SCHEMA_KEYS);
    ObjectNode spec = Json.object();
    spec.put("name", tool.name());
    if (!tool.description().isEmpty()) {
      spec.put("description", tool.description());
    }
    spec.set("parameters", schema);
    try {
      return ToolSpecification.fromJson(Json.write(spec));
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          "the input schema of tool '" + tool.name() + "' cannot be offered to a model: " + e.getMessage());
    }
  }

  /**
   * The model's tool calls with parsed arguments, in its order. Calls without an id (Gemini) get
   * one made up here; arguments that are not a JSON object fail the request with the tool's name.
   */
  static List<ModelToolCall> toolCalls(AiMessage message) {
    if (message == null || !message.hasToolExecutionRequests()) {
      return List.of();
    }
    List<ModelToolCall> calls = new ArrayList<>();
    for (ToolExecutionRequest request : message.toolExecutionRequests()) {
      String id = request.id() == null || request.id().isBlank()
          ? MADE_UP_ID + UUID.randomUUID()
          : request.id();
      calls.add(new ModelToolCall(id, request.name(), arguments(request)));
    }
    return calls;
  }

  private static JsonNode arguments(ToolExecutionRequest request) {
    String text = request.arguments();
    if (text == null || text.isBlank()) {
      return Json.object();
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "the model called tool '" + request.name() + "' with arguments that are not JSON: "
              + ErrorText.snippet(text));
    }
    if (!parsed.isObject()) {
      throw new InvalidRequestException(
          "the model called tool '" + request.name() + "' with arguments that are not a JSON object: "
              + ErrorText.snippet(text));
    }
    return parsed;
  }
}
