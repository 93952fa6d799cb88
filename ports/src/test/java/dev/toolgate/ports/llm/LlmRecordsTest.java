package dev.toolgate.ports.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmRecordsTest {
  private static final JsonNode SCHEMA = Json.parse("{\"type\":\"object\",\"properties\":{}}");

  @Test
  void parametersQuoteTheValueOutOfRange() {
    assertThatThrownBy(() -> new ModelParameters(3.5, null, null))
        .hasMessage("temperature must be between 0 and 2, got 3.5");
    assertThatThrownBy(() -> new ModelParameters(null, 0, null))
        .hasMessage("maxTokens must be at least 1, got 0");
    assertThatThrownBy(() -> new ModelParameters(null, null, 1.2))
        .hasMessage("topP must be between 0 and 1, got 1.2");
    assertThatThrownBy(() -> new ModelParameters(Double.NaN, null, null))
        .hasMessageContaining("got NaN");
  }

  @Test
  void toolNamesFollowTheStrictestProvider() {
    assertThatThrownBy(() -> new ModelTool("search customer", "", SCHEMA))
        .hasMessageContaining("got 'search customer'");
    assertThatThrownBy(() -> new ModelTool("search", "", Json.parse("{\"type\":\"string\"}")))
        .hasMessageContaining("input schema of tool 'search'");
    assertThat(new ModelTool("search_customer", "Find a customer", SCHEMA).name()).isEqualTo("search_customer");
  }

  @Test
  void requestNeedsMoreThanASystemPromptAndUniqueTools() {
    assertThatThrownBy(
            () -> new ModelRequest(null, List.of(new ModelMessage.System("be brief")), List.of(),
                ModelParameters.DEFAULTS, false, "r1"))
        .hasMessageContaining("at least one user, assistant or tool message");
    ModelTool tool = new ModelTool("t", "", SCHEMA);
    assertThatThrownBy(
            () -> new ModelRequest(null, List.of(new ModelMessage.User("hi")), List.of(tool, tool),
                ModelParameters.DEFAULTS, false, "r1"))
        .hasMessage("tool names must be unique, got 't' twice");
  }

  @Test
  void listsAreCopied() {
    List<ModelMessage> messages = new ArrayList<>(List.of(new ModelMessage.User("hi")));
    ModelRequest request = new ModelRequest("m", messages, List.of(), ModelParameters.DEFAULTS, true, "r1");
    messages.add(new ModelMessage.User("again"));
    assertThat(request.messages()).hasSize(1);
  }

  @Test
  void toolCallArgumentsMustBeAnObject() {
    assertThatThrownBy(() -> new ModelToolCall("c1", "t", Json.parse("[1]")))
        .hasMessage("arguments of tool call 't' must be a JSON object, got ARRAY");
  }

  @Test
  void assistantNeedsTextOrCalls() {
    assertThatThrownBy(() -> new ModelMessage.Assistant("", List.of()))
        .hasMessageContaining("needs text or at least one tool call");
  }

  @Test
  void replyRejectsNegativeCostAndUsage() {
    assertThatThrownBy(() -> new TokenUsage(-1, 0, false)).hasMessageContaining("got -1");
    assertThatThrownBy(
            () -> new ModelReply("p", "m", "", List.of(), new TokenUsage(1, 1, false), new BigDecimal("-0.1"), "stop"))
        .hasMessageContaining("got -0.1");
  }
}
