package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.chat.model.ConfiguredModel;
import dev.toolgate.core.chat.model.ModelPlanner;
import dev.toolgate.core.chat.model.ModelPlannerConfig;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.llm.LanguageModel;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelStream;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.llm.TokenCounter;
import dev.toolgate.ports.llm.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chat turns planned by a model (ModelPlanner): tools guarded, figures checked, the model chosen per question. */
class ModelChatTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final String REPORT_ARGS = "{\"client_key\":\"demo\",\"start\":\"2026-10-26\",\"end\":\"2026-11-01\"}";

  private ChatFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** A model that answers each request with what {@code replies} makes of it, in turn. */
  private static final class Model implements LanguageModel {
    final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    final List<Function<ModelRequest, ModelReply>> replies;

    @SafeVarargs
    Model(Function<ModelRequest, ModelReply>... replies) {
      this.replies = List.of(replies);
    }

    @Override
    public String provider() {
      return "openai";
    }

    @Override
    public ModelReply chat(ModelRequest request, ModelStream stream) {
      requests.add(request);
      ModelReply reply = replies.get(Math.min(requests.size(), replies.size()) - 1).apply(request);
      if (request.streaming()) {
        stream.text(reply.text());
      }
      return reply;
    }
  }

  private static ModelReply text(String text) {
    return new ModelReply("openai", "gpt-6-luna", text, List.of(), new TokenUsage(100, 10, false), null, "stop");
  }

  private static ModelReply call(String id, String tool, String arguments) {
    return new ModelReply("openai", "gpt-6-luna", "", List.of(new ModelToolCall(id, tool, Json.parse(arguments))),
        new TokenUsage(100, 10, false), null, "tool_calls");
  }

  private Model start(GatewayConfig config, boolean streaming, Model model) {
    ModelPlanner planner = new ModelPlanner(List.of(new ConfiguredModel("openai", "gpt-6-luna", model)),
        ModelPlannerConfig.defaults().withStreaming(streaming), TokenCounter.ROUGH);
    fixture = new ChatFixture(NOW, null, config, builder -> builder.planner(planner));
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    return model;
  }

  private static JsonNode lastResult(ModelRequest request) {
    ModelMessage.ToolResult result = (ModelMessage.ToolResult) request.messages().get(request.messages().size() - 1);
    return Json.parse(result.content());
  }

  @Test
  void figuresTheToolsReturnedPassAndInventedOnesAreFlaggedAndListed() {
    start(GatewayConfig.defaults(), false, new Model(
        request -> call("c1", "campaign_performance", REPORT_ARGS),
        request -> text("Campaigns made " + lastResult(request).at("/totals/revenue").asText()
            + " from 2026-10-26 to 2026-11-01, and 9,876,543 orders.")));

    ChatAnswer answer = fixture.answer("demo", "How much did campaigns make last week?");

    assertThat(answer.evidence().get("ungrounded_figures")).containsExactly(Json.mapper().valueToTree("9,876,543"));
    assertThat(answer.evidence().get("figures_checked").asInt()).isEqualTo(4);
    assertThat(answer.text()).contains("and 9,876,543 orders.").endsWith("returned for this question: 9,876,543.)");
    assertThat(answer.evidence().get("provider").asText()).isEqualTo("openai");
  }

  @Test
  void aStreamedAnswerGetsItsFlagAsOneMoreDelta() {
    start(GatewayConfig.defaults(), true, new Model(request -> text("You made 4,321 EUR.")));
    List<String> deltas = new ArrayList<>();
    ChatEvents events = new ChatEvents() {
      @Override
      public void text(String delta) {
        deltas.add(delta);
      }
    };

    ChatOutcome outcome = fixture.gateway.chat().chat(
        new ChatCommand(ChatFixture.agent(), "demo", "revenue?", null, "req-1", events));

    ChatAnswer answer = ((ChatOutcome.Answered) outcome).answer();
    assertThat(deltas).hasSize(2);
    assertThat(deltas.get(0)).isEqualTo("You made 4,321 EUR.");
    assertThat(String.join("", deltas)).isEqualTo(answer.text());
    assertThat(answer.evidence().get("ungrounded_figures")).hasSize(1);
  }

  @Test
  void aToolThePrincipalMayNotCallReachesTheModelAsAnErrorResult() {
    Model model = start(GatewayConfig.defaults(), false, new Model(
        request -> call("c1", "delete_everything", "{}"),
        request -> text("I could not do that.")));

    ChatAnswer answer = fixture.answer("demo", "delete everything");

    ModelMessage.ToolResult result = (ModelMessage.ToolResult) model.requests.get(1).messages()
        .get(model.requests.get(1).messages().size() - 1);
    assertThat(result.isError()).isTrue();
    assertThat(result.callId()).isEqualTo("c1");
    assertThat(Json.parse(result.content()).path("code").asText()).isNotEqualTo("ok").isNotBlank();
    assertThat(answer.evidence().at("/tool_calls/0/outcome").asText()).isEqualTo(Json.parse(result.content()).path("code").asText());
    assertThat(answer.text()).isEqualTo("I could not do that.");
  }

  @Test
  void stopsAModelThatKeepsCallingToolsAfterMaxToolHops() {
    Model model = start(GatewayConfig.defaults().toBuilder().chatMaxToolHops(2).build(), false,
        new Model(request -> call("c" + request.messages().size(), "campaign_performance", REPORT_ARGS)));

    ChatAnswer answer = fixture.answer("demo", "loop forever");

    assertThat(model.requests).hasSize(3);
    assertThat(answer.evidence().get("stopped").asText()).isEqualTo("max_tool_hops");
    assertThat(answer.text()).contains("more than 2 rounds");
  }

  @Test
  void aQuestionMayNameItsModelButNotOneThatIsNotConfigured() {
    start(GatewayConfig.defaults(), false, new Model(request -> text("Hello.")));

    ChatOutcome unknown = fixture.gateway.chat().chat(
        new ChatCommand(ChatFixture.agent(), "demo", "hi", null, "req-1", ChatEvents.NONE, "claude-opus-5-5"));
    ChatOutcome known = fixture.gateway.chat().chat(
        new ChatCommand(ChatFixture.agent(), "demo", "hi", null, "req-2", ChatEvents.NONE, "gpt-6-luna"));

    assertThat(unknown).isInstanceOfSatisfying(ChatOutcome.Refused.class, refused -> {
      assertThat(refused.code()).isEqualTo("unknown_model");
      assertThat(refused.message()).contains("'claude-opus-5-5'", "openai/gpt-6-luna");
    });
    assertThat(known).isInstanceOf(ChatOutcome.Answered.class);
  }
}
