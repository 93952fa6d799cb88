package dev.toolgate.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelTool;
import dev.toolgate.ports.llm.ModelToolCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The reference story as port values: ask for Maria Chen, the model calls search_customer, the result goes back. */
final class Conversation {
  static final String SYSTEM =
      "You are a support assistant for Acme's CRM. Look customers up with the search_customer tool before answering.";
  static final String QUESTION = "Find the customer record for Maria Chen at Acme Corp.";
  static final JsonNode SCHEMA = Json.parse("""
      {"type":"object","properties":{"query":{"type":"string",
      "description":"Free-text search, for example a person's name and company."}},
      "required":["query"],"additionalProperties":false}""");
  static final ModelTool SEARCH = new ModelTool("search_customer",
      "Search the CRM for customers by name, company or email. Returns matching customer records.", SCHEMA);
  static final String RESULT =
      "{\"customers\":[{\"id\":\"cus_48213\",\"name\":\"Maria Chen\",\"company\":\"Acme Corp\",\"plan\":\"Enterprise\",\"status\":\"active\"}]}";

  private Conversation() {}

  static ModelRequest ask(String model, boolean streaming, ModelParameters parameters) {
    return new ModelRequest(model, List.of(new ModelMessage.System(SYSTEM), new ModelMessage.User(QUESTION)),
        List.of(SEARCH), parameters, streaming, "req-ask");
  }

  static ModelRequest answer(String model, boolean streaming, String callId) {
    ModelToolCall call = new ModelToolCall(callId, "search_customer", Json.parse("{\"query\":\"Maria Chen Acme Corp\"}"));
    return new ModelRequest(model,
        List.of(new ModelMessage.System(SYSTEM), new ModelMessage.User(QUESTION),
            new ModelMessage.Assistant(null, List.of(call)),
            new ModelMessage.ToolResult(callId, "search_customer", RESULT, false)),
        List.of(SEARCH), ModelParameters.DEFAULTS, streaming, "req-answer");
  }

  /** Records what a streamed reply delivered, in order. */
  static final class Recorder implements ModelStream {
    final List<String> deltas = Collections.synchronizedList(new ArrayList<>());
    final List<ModelToolCall> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void text(String delta) {
      deltas.add(delta);
    }

    @Override
    public void toolCall(ModelToolCall call) {
      calls.add(call);
    }
  }
}
