package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The model chat end to end on Anthropic messages: {@code x-api-key}, {@code input_schema}, {@code tool_result}. */
class AnthropicChatIntegrationTest extends AbstractProviderChatIntegrationTest {

  @Override
  String provider() {
    return "anthropic";
  }

  @Override
  String model() {
    return "claude-haiku-5-5";
  }

  @Override
  String keyVariable() {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  String baseUrl() {
    return standIn.baseUrl("/v1");
  }

  @Override
  ScriptedReplies replies() {
    return ScriptedReplies.anthropic(model());
  }

  @Override
  String expectedTarget(boolean stream) {
    return "/v1/messages";
  }

  @Override
  void assertKeySent(Recorded sent) {
    assertThat(sent.header("x-api-key")).isEqualTo(API_KEY);
    assertThat(sent.header("anthropic-version")).isNotBlank();
    assertThat(sent.header("authorization")).isNull();
  }

  @Override
  void assertParametersSent(JsonNode body) {
    assertThat(body.path("model").asText()).isEqualTo(model());
    assertThat(body.path("temperature").asDouble()).isEqualTo(TEMPERATURE);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(MAX_TOKENS);
    assertThat(body.path("top_p").asDouble()).isEqualTo(TOP_P);
  }

  @Override
  Map<String, JsonNode> toolsSent(JsonNode body) {
    Map<String, JsonNode> tools = new LinkedHashMap<>();
    body.path("tools").forEach(tool -> tools.put(tool.path("name").asText(), tool.path("input_schema")));
    return tools;
  }

  @Override
  String lastToolResultSent(JsonNode body) {
    JsonNode messages = body.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("role").asText()).isEqualTo("user");
    JsonNode blocks = last.path("content");
    JsonNode result = blocks.get(blocks.size() - 1);
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText()).startsWith("toolu_");
    JsonNode content = result.path("content");
    return content.isTextual() ? content.asText() : content.findValuesAsText("text").toString();
  }

  @Override
  String systemSent(JsonNode body) {
    return body.path("system").toString();
  }

  @Override
  BigDecimal expectedCost(long tokensIn, long tokensOut) {
    // claude-haiku-5-5: 0.10 in and 0.50 out per million tokens (prices.json)
    return new BigDecimal("0.10").multiply(BigDecimal.valueOf(tokensIn))
        .add(new BigDecimal("0.50").multiply(BigDecimal.valueOf(tokensOut)))
        .movePointLeft(6);
  }
}
