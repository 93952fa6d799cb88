package dev.toolgate.adapter.llm;

import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.fixture;
import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.json;
import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.Fixtures;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelCredentialsException;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against a stand-in speaking OpenAI chat completions (also Groq's and Ollama's variants). */
class OpenAiCompatibleIntegrationTest {
  private static final String DIR = "openai-chat-completions/";
  private static final String KEY = "sk-test-7f3a9c";

  private final ProviderStandIn standIn = new ProviderStandIn();

  @AfterEach
  void stop() {
    standIn.close();
  }

  private LanguageModel model() {
    return model(b -> {});
  }

  private LanguageModel model(Consumer<LlmConfig.Builder> overrides) {
    LlmConfig.Builder builder = LlmConfig.custom()
        .name("openai")
        .kind(LlmConfig.Kind.OPENAI_COMPATIBLE)
        .baseUrl(standIn.baseUrl("/v1"))
        .apiKey(KEY)
        .defaultModel("gpt-6-luna")
        .timeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(100));
    overrides.accept(builder);
    return LlmAdapterModule.languageModel(builder.build());
  }

  @Test
  void sendsToolsParametersAndBearerKeyAndReadsTheToolCall() {
    standIn.then(fixture(200, DIR + "02-response-tool-calls.json"));

    ModelReply reply = model().chat(Conversation.ask(null, false, new ModelParameters(0.3, 500, 0.9)), ModelStream.NONE);

    Recorded sent = standIn.onlyRequest();
    assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/chat/completions");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
    JsonNode body = sent.json();
    assertThat(body.path("model").asText()).isEqualTo("gpt-6-luna");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.has("max_tokens") ? body.path("max_tokens").asInt() : body.path("max_completion_tokens").asInt())
        .isEqualTo(500);
    assertThat(body.path("stream").asBoolean(false)).isFalse();
    assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo(Conversation.QUESTION);
    JsonNode tool = body.path("tools").get(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(tool.path("function").path("name").asText()).isEqualTo("search_customer");
    assertThat(tool.path("function").path("parameters").path("properties").path("query").path("type").asText())
        .isEqualTo("string");
    assertThat(tool.path("function").path("parameters").path("required").get(0).asText()).isEqualTo("query");

    assertThat(reply.provider()).isEqualTo("openai");
    assertThat(reply.model()).isEqualTo("gpt-6-luna");
    assertThat(reply.text()).isEmpty();
    assertThat(reply.finishReason()).isEqualTo("tool_calls");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("call_KOmxgJTeKdNnFRIBXuDL7Dxt");
      assertThat(call.name()).isEqualTo("search_customer");
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(reply.usage().input()).isEqualTo(4318);
    assertThat(reply.usage().output()).isEqualTo(19);
    assertThat(reply.usage().estimated()).isFalse();
    // gpt-6-luna: 0.10 in, 0.50 out per million
    assertThat(reply.costUsd()).isEqualByComparingTo(new BigDecimal("0.000441"));
  }

  @Test
  void aModelWithAClientsOwnKeySendsThatKeyAndLeavesTheServersModelOnItsOwn() {
    String clientKey = "sk-client-own-0123456789abcdef";
    standIn.then(fixture(200, DIR + "04-response-final.json"), fixture(200, DIR + "04-response-final.json"));
    LanguageModel server = model();
    LanguageModel client = server.withApiKey(clientKey);

    client.chat(Conversation.answer(null, false, "call_KOmxgJTeKdNnFRIBXuDL7Dxt"), ModelStream.NONE);
    server.chat(Conversation.answer(null, false, "call_KOmxgJTeKdNnFRIBXuDL7Dxt"), ModelStream.NONE);

    List<Recorded> sent = standIn.requests();
    assertThat(sent.get(0).header("authorization")).isEqualTo("Bearer " + clientKey);
    assertThat(sent.get(1).header("authorization")).isEqualTo("Bearer " + KEY);
    assertThat(client.provider()).isEqualTo("openai");
    assertThat(client.toString()).doesNotContain(clientKey);
    assertThatThrownBy(() -> server.withApiKey(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openai");
  }

  @Test
  void sendsTheToolResultAfterTheEchoedCall() {
    standIn.then(fixture(200, DIR + "04-response-final.json"));

    ModelReply reply = model().chat(Conversation.answer(null, false, "call_KOmxgJTeKdNnFRIBXuDL7Dxt"), ModelStream.NONE);

    JsonNode messages = standIn.onlyRequest().json().path("messages");
    JsonNode assistant = messages.get(2);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_KOmxgJTeKdNnFRIBXuDL7Dxt");
    assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText())
        .isEqualTo("{\"query\":\"Maria Chen Acme Corp\"}");
    JsonNode tool = messages.get(3);
    assertThat(tool.path("role").asText()).isEqualTo("tool");
    assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_KOmxgJTeKdNnFRIBXuDL7Dxt");
    assertThat(tool.path("content").asText()).isEqualTo(Conversation.RESULT);
    assertThat(reply.text()).contains("cus_48213");
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.toolCalls()).isEmpty();
  }

  @Test
  void streamsTextDeltasInOrderCutAtArbitraryBytes() {
    standIn.then(sse(DIR + "06-stream-text.sse.txt").inPieces(7));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.answer(null, true, "call_KOmxgJTeKdNnFRIBXuDL7Dxt"), recorder);

    assertThat(standIn.onlyRequest().json().path("stream").asBoolean()).isTrue();
    assertThat(recorder.deltas).hasSizeGreaterThan(2);
    assertThat(String.join("", recorder.deltas)).isEqualTo(reply.text()).contains("cus_48213");
    assertThat(reply.usage().estimated()).isFalse();
    assertThat(reply.usage().input()).isPositive();
  }

  @Test
  void streamsToolCallArgumentFragmentsIntoOneParsedCall() {
    standIn.then(sse(DIR + "05-stream-tool-call.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.ask(null, true, ModelParameters.DEFAULTS), recorder);

    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("call_KOmxgJTeKdNnFRIBXuDL7Dxt");
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(recorder.calls).isEqualTo(reply.toolCalls());
    assertThat(reply.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void estimatesUsageWithATokenizerWhenTheStreamHasNone() {
    // As without stream_options.include_usage (or an Ollama/Groq stream): no usage chunk before [DONE].
    List<String> events = new java.util.ArrayList<>(Fixtures.events(DIR + "06-stream-text.sse.txt"));
    events.removeIf(e -> e.contains("\"choices\":[]"));
    standIn.then(Answer.events(events));

    ModelReply reply = model().chat(Conversation.answer(null, true, "call_1"), new Conversation.Recorder());

    assertThat(reply.usage().estimated()).isTrue();
    assertThat(reply.usage().input()).isGreaterThan(40);
    assertThat(reply.usage().output()).isGreaterThan(5);
    assertThat(reply.costUsd()).isNotNull();
  }

  @Test
  void waitsForRetryAfterOn429AndThenSucceeds() {
    standIn.then(
        fixture(429, DIR + "error-429-rate-limit.json").withHeader("retry-after", "1"),
        fixture(200, DIR + "04-response-final.json"));

    long start = System.nanoTime();
    ModelReply reply = model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE);

    List<Recorded> sent = standIn.requests();
    assertThat(sent).hasSize(2);
    assertThat(TimeUnit.NANOSECONDS.toMillis(sent.get(1).atNanos() - sent.get(0).atNanos())).isGreaterThanOrEqualTo(1000);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
    assertThat(reply.text()).contains("cus_48213");
  }

  @Test
  void retries500ThenGivesUpAsUnavailable() {
    Answer failure = json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
    standIn.then(failure, failure, failure, fixture(200, DIR + "04-response-final.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("model provider 'openai'")
        .hasMessageContaining("after 3 attempt(s)")
        .hasMessageContaining("HTTP 500");
    assertThat(standIn.requests()).hasSize(3);
  }

  @Test
  void refusedKeyIsACredentialsFailureNeverRetriedNorQuoted() {
    standIn.then(fixture(401, DIR + "error-401.json"), fixture(200, DIR + "04-response-final.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE))
        .isInstanceOfSatisfying(ModelCredentialsException.class, e -> {
          assertThat(e.provider()).isEqualTo("openai");
          assertThat(e.getMessage()).contains("refused the API key").doesNotContain(KEY);
          assertThat(e.retryable()).isFalse();
        });
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void badRequestIsInvalidAndNotRetried() {
    standIn.then(fixture(400, DIR + "error-400.json"), fixture(200, DIR + "04-response-final.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("rejected the request")
        .hasMessageContaining("tool_calls");
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void exhaustedQuotaIsNotRetried() {
    standIn.then(fixture(429, DIR + "error-429-insufficient-quota.json"), fixture(200, DIR + "04-response-final.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("quota");
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void malformedStreamFailsClearlyAndFast() {
    List<String> events = Fixtures.events(DIR + "06-stream-text.sse.txt");
    standIn.then(Answer.events(List.of(events.get(0), events.get(1), "data: {\"id\":\"chatcmpl-x\",\"choices\":[{\"delta\":")));

    long start = System.nanoTime();
    assertThatThrownBy(() -> model().chat(Conversation.answer(null, true, "call_1"), new Conversation.Recorder()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("broken reply stream")
        .hasMessageContaining("not JSON");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void stalledStreamEndsAtTheTimeoutInsteadOfHanging() {
    List<String> events = Fixtures.events(DIR + "06-stream-text.sse.txt");
    standIn.then(Answer.events(events.subList(0, 2)).stallingAfter(10_000));
    LanguageModel model = model(b -> b.maxRetries(0).timeout(Duration.ofMillis(800)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> model.chat(Conversation.answer(null, true, "call_1"), new Conversation.Recorder()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("no complete reply within");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
  }

  @Test
  void streamFailingBeforeAnyDeltaIsRetried() {
    standIn.then(
        fixture(503, DIR + "error-429-rate-limit.json"),
        sse(DIR + "06-stream-text.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.answer(null, true, "call_1"), recorder);

    assertThat(standIn.requests()).hasSize(2);
    assertThat(String.join("", recorder.deltas)).isEqualTo(reply.text());
  }

  @Test
  void localServerWithoutKeySendsNoAuthorization() {
    standIn.then(fixture(200, "openai-chat-completions/compat/groq-response-final.json"));
    LanguageModel model = LlmAdapterModule.languageModel(LlmConfig.custom()
        .name("ollama").kind(LlmConfig.Kind.OPENAI_COMPATIBLE).baseUrl(standIn.baseUrl("/v1"))
        .defaultModel("llama3.2").build());

    ModelReply reply = model.chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE);

    assertThat(standIn.onlyRequest().header("authorization")).isNull();
    assertThat(reply.provider()).isEqualTo("ollama");
    assertThat(reply.costUsd()).as("no price row for a local model").isNull();
  }

  @Test
  void ollamaSendsTheWholeToolCallInOneChunk() {
    standIn.then(sse(DIR + "compat/ollama-stream-tool-call.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.ask("qwen3:8b", true, ModelParameters.DEFAULTS), recorder);

    assertThat(standIn.onlyRequest().json().path("model").asText()).isEqualTo("qwen3:8b");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("call_x7k2m9qd");
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(reply.usage()).isEqualTo(new dev.toolgate.ports.llm.TokenUsage(212, 24, false));
    assertThat(reply.costUsd()).as("no price row for qwen3:8b").isNull();
  }

  @Test
  void replyWithoutUsageIsEstimated() {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json(DIR + "04-response-final.json");
    body.remove("usage");
    standIn.then(json(200, body.toString()));

    ModelReply reply = model().chat(Conversation.answer(null, false, "call_1"), ModelStream.NONE);

    assertThat(reply.usage().estimated()).isTrue();
    assertThat(reply.usage().output()).isPositive();
  }

  @Test
  void streamCutBeforeItsEndStillAnswersWithWhatArrived() {
    // OpenAI streams carry no end-of-message event besides [DONE]; LangChain4j completes on close.
    List<String> events = Fixtures.events(DIR + "06-stream-text.sse.txt");
    standIn.then(Answer.events(events.subList(0, 3)));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.answer(null, true, "call_1"), recorder);

    assertThat(reply.text()).isEqualTo(String.join("", recorder.deltas));
    assertThat(reply.usage().estimated()).as("the usage chunk never came").isTrue();
  }
}
