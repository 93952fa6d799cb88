package dev.toolgate.adapter.llm;

import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.fixture;
import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelCredentialsException;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against a stand-in speaking Gemini generateContent and streamGenerateContent. */
class GeminiIntegrationTest {
  private static final String DIR = "gemini/";
  private static final String KEY = "AIza-test-55c1";

  private final ProviderStandIn standIn = new ProviderStandIn();

  @AfterEach
  void stop() {
    standIn.close();
  }

  private LanguageModel model() {
    return LlmAdapterModule.languageModel(LlmConfig.custom()
        .name("gemini")
        .kind(LlmConfig.Kind.GEMINI)
        .baseUrl(standIn.baseUrl("/v1beta"))
        .apiKey(KEY)
        .defaultModel("gemini-3.7-flash")
        .timeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(100))
        .maxRetryAfter(Duration.ofSeconds(2))
        .build());
  }

  @Test
  void sendsFunctionDeclarationsGenerationConfigAndGoogleKeyAndReadsTheCall() {
    standIn.then(fixture(200, DIR + "02-response-function-call.json"));

    ModelReply reply = model().chat(Conversation.ask(null, false, new ModelParameters(0.4, 256, 0.8)), ModelStream.NONE);

    Recorded sent = standIn.onlyRequest();
    assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1beta/models/gemini-3.7-flash:generateContent");
    assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY);
    assertThat(sent.query()).isNull();
    JsonNode body = sent.json();
    assertThat(body.path("systemInstruction").toString()).contains("support assistant");
    JsonNode declaration = body.path("tools").get(0).path("functionDeclarations").get(0);
    assertThat(declaration.path("name").asText()).isEqualTo("search_customer");
    JsonNode parameters = declaration.has("parameters") ? declaration.path("parameters") : declaration.path("parametersJsonSchema");
    assertThat(parameters.path("properties").path("query").path("type").asText()).isEqualToIgnoringCase("string");
    JsonNode generation = body.path("generationConfig");
    assertThat(generation.path("temperature").asDouble()).isEqualTo(0.4);
    assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(256);
    assertThat(generation.path("topP").asDouble()).isEqualTo(0.8);

    assertThat(reply.finishReason()).as("Gemini says STOP; the call decides").isEqualTo("tool_calls");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).as("Gemini gives no id: one is made up").startsWith(LangChainMessages.MADE_UP_ID);
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(reply.usage().input()).isEqualTo(4290);
    assertThat(reply.usage().estimated()).isFalse();
    assertThat(reply.costUsd()).isNotNull();
  }

  @Test
  void sendsTheFunctionResponseByNameWithoutAMadeUpId() {
    standIn.then(fixture(200, DIR + "04-response-final.json"));

    model().chat(Conversation.answer(null, false, LangChainMessages.MADE_UP_ID + "1"), ModelStream.NONE);

    String body = standIn.onlyRequest().body();
    JsonNode contents = standIn.onlyRequest().json().path("contents");
    JsonNode response = contents.get(contents.size() - 1).path("parts").get(0).path("functionResponse");
    assertThat(response.path("name").asText()).isEqualTo("search_customer");
    assertThat(response.toString()).contains("cus_48213");
    assertThat(body).doesNotContain(LangChainMessages.MADE_UP_ID);
  }

  @Test
  void echoesTheThoughtSignatureOfTheCallingTurn() {
    standIn.then(fixture(200, DIR + "02-response-function-call.json"), fixture(200, DIR + "04-response-final.json"));
    LanguageModel model = model();
    ModelReply call = model.chat(Conversation.ask(null, false, ModelParameters.DEFAULTS), ModelStream.NONE);
    String callId = call.toolCalls().get(0).id();

    ModelReply answer = model.chat(Conversation.answer(null, false, callId), ModelStream.NONE);

    JsonNode contents = standIn.requests().get(1).json().path("contents");
    JsonNode modelTurn = contents.get(contents.size() - 2);
    assertThat(modelTurn.path("role").asText()).isEqualTo("model");
    JsonNode part = modelTurn.path("parts").get(0);
    assertThat(part.path("functionCall").path("name").asText()).isEqualTo("search_customer");
    assertThat(part.path("thoughtSignature").asText()).startsWith("EqQCCqECAb4+9vtM46tYBfB2");
    assertThat(answer.text()).contains("cus_48213");
  }

  @Test
  void streamsTextWithCrlfEventsCutIntoPieces() {
    standIn.then(sse(DIR + "06-stream-text.sse.txt").withCrlf().inPieces(13));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.answer(null, true, "c1"), recorder);

    Recorded sent = standIn.onlyRequest();
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-3.7-flash:streamGenerateContent");
    assertThat(sent.query()).contains("alt=sse");
    assertThat(recorder.deltas).hasSize(3);
    assertThat(String.join("", recorder.deltas)).isEqualTo(reply.text()).contains("cus_48213");
    assertThat(reply.usage().output()).as("the last usageMetadata counts").isGreaterThanOrEqualTo(36);
  }

  @Test
  void streamsAFunctionCall() {
    standIn.then(sse(DIR + "05-stream-tool-call.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.ask(null, true, ModelParameters.DEFAULTS), recorder);

    assertThat(reply.toolCalls()).singleElement()
        .satisfies(call -> assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp"));
    assertThat(recorder.calls).isEqualTo(reply.toolCalls());
  }

  @Test
  void invalidKeyReportedAs400IsACredentialsFailure() {
    standIn.then(fixture(400, DIR + "error-400-invalid-api-key.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "c1"), ModelStream.NONE))
        .isInstanceOf(ModelCredentialsException.class)
        .hasMessageContaining("'gemini'");
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void retryDelayInTheBodyLongerThanAllowedFailsAtOnce() {
    standIn.then(fixture(429, DIR + "error-429.json"), fixture(200, DIR + "04-response-final.json"));

    long start = System.nanoTime();
    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "c1"), ModelStream.NONE))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("asked to wait 21 s");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void retries503() {
    standIn.then(fixture(503, DIR + "error-503-unavailable.json"), fixture(200, DIR + "04-response-final.json"));

    ModelReply reply = model().chat(Conversation.answer(null, false, "c1"), ModelStream.NONE);

    assertThat(standIn.requests()).hasSize(2);
    assertThat(reply.text()).contains("cus_48213");
  }
}
