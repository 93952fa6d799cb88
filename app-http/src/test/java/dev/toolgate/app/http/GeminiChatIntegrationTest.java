package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model chat end to end on Gemini {@code generateContent}: {@code x-goog-api-key},
 * {@code functionDeclarations}, {@code generationConfig}, {@code functionResponse}.
 */
class GeminiChatIntegrationTest extends AbstractProviderChatIntegrationTest {

  @Override
  String provider() {
    return "gemini";
  }

  @Override
  String model() {
    return "gemini-3.5-flash";
  }

  @Override
  String keyVariable() {
    return "GEMINI_API_KEY";
  }

  @Override
  String baseUrl() {
    return standIn.baseUrl("/v1beta");
  }

  @Override
  ScriptedReplies replies() {
    return ScriptedReplies.gemini(model());
  }

  @Override
  String expectedTarget(boolean stream) {
    return stream
        ? "/v1beta/models/" + model() + ":streamGenerateContent?alt=sse"
        : "/v1beta/models/" + model() + ":generateContent";
  }

  @Override
  void assertKeySent(Recorded sent) {
    assertThat(sent.header("x-goog-api-key")).isEqualTo(API_KEY);
    assertThat(sent.header("authorization")).isNull();
    assertThat(String.valueOf(sent.query())).as("the key never goes in the URL").doesNotContain(API_KEY);
  }

  @Override
  void assertParametersSent(JsonNode body) {
    JsonNode generation = body.path("generationConfig");
    assertThat(generation.path("temperature").asDouble()).isEqualTo(TEMPERATURE);
    assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(MAX_TOKENS);
    assertThat(generation.path("topP").asDouble()).isEqualTo(TOP_P);
  }

  @Override
  Map<String, JsonNode> toolsSent(JsonNode body) {
    Map<String, JsonNode> tools = new LinkedHashMap<>();
    body.path("tools").forEach(group -> group.path("functionDeclarations").forEach(declaration -> tools.put(
        declaration.path("name").asText(),
        declaration.has("parameters") ? declaration.path("parameters") : declaration.path("parametersJsonSchema"))));
    return tools;
  }

  @Override
  String lastToolResultSent(JsonNode body) {
    JsonNode contents = body.path("contents");
    JsonNode parts = contents.get(contents.size() - 1).path("parts");
    JsonNode response = parts.get(parts.size() - 1).path("functionResponse");
    assertThat(response.path("name").asText()).isNotBlank();
    // The result's JSON goes back as the text of {"response": …} (LangChain4j's wrapping of a tool result).
    JsonNode wrapped = response.path("response");
    return wrapped.path("response").isTextual() ? wrapped.path("response").asText() : wrapped.toString();
  }

  @Override
  String systemSent(JsonNode body) {
    return body.path("systemInstruction").toString();
  }

  @Override
  BigDecimal expectedCost(long tokensIn, long tokensOut) {
    // gemini-3.5-flash: 1.50 in and 9.00 out per million tokens (prices.json)
    return new BigDecimal("1.50").multiply(BigDecimal.valueOf(tokensIn))
        .add(new BigDecimal("9.00").multiply(BigDecimal.valueOf(tokensOut)))
        .movePointLeft(6);
  }
}
