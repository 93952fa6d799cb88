package dev.toolgate.adapter.llm;

import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.fixture;
import static dev.toolgate.adapter.llm.testing.ProviderStandIn.Answer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.Fixtures;
import dev.toolgate.adapter.llm.testing.ProviderStandIn.Recorded;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelCredentialsException;
import dev.toolgate.ports.llm.ModelParameters;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelStream;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against a stand-in speaking Anthropic messages. */
class AnthropicIntegrationTest {
  private static final String DIR = "anthropic-messages/";
  private static final String KEY = "sk-ant-test-91b2";

  private final ProviderStandIn standIn = new ProviderStandIn();

  @AfterEach
  void stop() {
    standIn.close();
  }

  private LanguageModel model() {
    return LlmAdapterModule.languageModel(LlmConfig.custom()
        .name("anthropic")
        .kind(LlmConfig.Kind.ANTHROPIC)
        .baseUrl(standIn.baseUrl("/v1"))
        .apiKey(KEY)
        .defaultModel("claude-haiku-5-5")
        .maxTokens(1024)
        .timeout(Duration.ofSeconds(5))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(100))
        .build());
  }

  @Test
  void sendsKeyVersionSystemAndInputSchemaAndReadsToolUse() {
    standIn.then(fixture(200, DIR + "02-response-tool-use.json"));

    ModelReply reply = model().chat(Conversation.ask(null, false, new ModelParameters(0.2, null, null)), ModelStream.NONE);

    Recorded sent = standIn.onlyRequest();
    assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo(KEY);
    assertThat(sent.header("anthropic-version")).isNotBlank();
    assertThat(sent.header("authorization")).isNull();
    JsonNode body = sent.json();
    assertThat(body.path("model").asText()).isEqualTo("claude-haiku-5-5");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("system").toString()).contains("support assistant");
    assertThat(body.path("messages")).hasSize(1);
    JsonNode tool = body.path("tools").get(0);
    assertThat(tool.path("name").asText()).isEqualTo("search_customer");
    assertThat(tool.path("input_schema").path("properties").path("query").path("type").asText()).isEqualTo("string");

    assertThat(reply.text()).isEqualTo("I'll look up Maria Chen at Acme Corp in the CRM.");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("toolu_01Wvj7FAc9QeWJKY40uvSwMF");
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(reply.finishReason()).isEqualTo("tool_calls");
    assertThat(reply.usage().output()).isEqualTo(71);
    assertThat(reply.usage().estimated()).isFalse();
    assertThat(reply.costUsd()).as("claude-haiku-5-5 has a price row").isNotNull();
  }

  @Test
  void sendsToolResultBlockAnsweringTheToolUse() {
    standIn.then(fixture(200, DIR + "04-response-final.json"));

    ModelReply reply = model().chat(Conversation.answer(null, false, "toolu_01Wvj7FAc9QeWJKY40uvSwMF"), ModelStream.NONE);

    JsonNode messages = standIn.onlyRequest().json().path("messages");
    assertThat(messages.get(1).path("content").get(0).path("type").asText()).isEqualTo("tool_use");
    JsonNode result = messages.get(2).path("content").get(0);
    assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_01Wvj7FAc9QeWJKY40uvSwMF");
    assertThat(result.toString()).contains("cus_48213");
    assertThat(reply.finishReason()).isEqualTo("stop");
    assertThat(reply.text()).contains("cus_48213");
  }

  @Test
  void streamsTextThenAToolUseBuiltFromInputJsonDeltas() {
    standIn.then(sse(DIR + "05-stream-tool-use.sse.txt").inPieces(11));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.ask(null, true, ModelParameters.DEFAULTS), recorder);

    assertThat(standIn.onlyRequest().json().path("stream").asBoolean()).isTrue();
    assertThat(recorder.deltas).containsExactly("I'll look up Maria", " Chen at Acme Corp in the CRM.");
    assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
      assertThat(call.id()).isEqualTo("toolu_01Wvj7FAc9QeWJKY40uvSwMF");
      assertThat(call.arguments().path("query").asText()).isEqualTo("Maria Chen Acme Corp");
    });
    assertThat(recorder.calls).isEqualTo(reply.toolCalls());
    // output_tokens from message_delta (cumulative), not added to message_start's
    assertThat(reply.usage().output()).isEqualTo(71);
  }

  @Test
  void streamsTheFinalAnswer() {
    standIn.then(sse(DIR + "06-stream-text.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    ModelReply reply = model().chat(Conversation.answer(null, true, "toolu_1"), recorder);

    assertThat(String.join("", recorder.deltas)).isEqualTo(reply.text()).contains("cus_48213");
    assertThat(reply.finishReason()).isEqualTo("stop");
  }

  @Test
  void retriesOverloaded529() {
    standIn.then(fixture(529, DIR + "error-529.json"), fixture(200, DIR + "04-response-final.json"));

    ModelReply reply = model().chat(Conversation.answer(null, false, "toolu_1"), ModelStream.NONE);

    assertThat(standIn.requests()).hasSize(2);
    assertThat(reply.text()).contains("cus_48213");
  }

  @Test
  void overloadErrorInsideAStartedStreamFailsWithoutRepeatingDeltas() {
    standIn.then(sse(DIR + "07-stream-error-overloaded.sse.txt"), sse(DIR + "06-stream-text.sse.txt"));
    Conversation.Recorder recorder = new Conversation.Recorder();

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, true, "toolu_1"), recorder))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("model provider 'anthropic'");
    assertThat(recorder.deltas).containsExactly("I found Maria Chen at Acme Corp.");
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void refusedKeyIsACredentialsFailure() {
    standIn.then(fixture(401, DIR + "error-401.json"));

    assertThatThrownBy(() -> model().chat(Conversation.answer(null, true, "toolu_1"), new Conversation.Recorder()))
        .isInstanceOf(ModelCredentialsException.class)
        .hasMessageContaining("'anthropic'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    assertThat(standIn.requests()).hasSize(1);
  }

  @Test
  void costUsesTheShippedPriceOfTheModel() {
    standIn.then(fixture(200, DIR + "04-response-final.json"));

    ModelReply reply = model().chat(Conversation.answer(null, false, "toolu_1"), ModelStream.NONE);

    // claude-haiku-5-5: 0.10 in / 0.50 out per million; the fixture answers as a dated snapshot of another model
    BigDecimal expected = PriceTable.cost(
        PriceTable.load(null).find("anthropic", "anthropic", "claude-haiku-5-5").orElseThrow(),
        reply.usage().input(), reply.usage().output());
    assertThat(reply.costUsd()).isEqualByComparingTo(expected);
  }

  @Test
  void streamCutBeforeMessageStopFailsAtOnce() {
    java.util.List<String> events = Fixtures.events(DIR + "06-stream-text.sse.txt");
    standIn.then(ProviderStandIn.Answer.events(events.subList(0, 4)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> model().chat(Conversation.answer(null, true, "toolu_1"), new Conversation.Recorder()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("ended before its final event");
    assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .as("not the 5 s timeout").isLessThan(4000);
    assertThat(standIn.requests()).hasSize(1);
  }
}
