package dev.toolgate.core.chat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.PlannerUnavailableException;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.llm.ModelCredentialsException;
import dev.toolgate.ports.llm.ModelMessage;
import dev.toolgate.ports.llm.ModelReply;
import dev.toolgate.ports.llm.ModelRequest;
import dev.toolgate.ports.llm.ModelToolCall;
import dev.toolgate.ports.llm.TokenCounter;
import dev.toolgate.ports.llm.TokenUsage;
import dev.toolgate.ports.testing.ScriptedLanguageModel;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model planner against a scripted model: what it sends, and what it makes of the replies. */
class ModelPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final JsonNode REPORT_SCHEMA = Json.parse("""
      {"type":"object","properties":{"start":{"type":"string"},"end":{"type":"string"}},"required":["start","end"]}""");
  private static final ToolDefinition REPORT = tool("campaign_performance", REPORT_SCHEMA);
  private static final ToolDefinition ISSUE = tool("github.create_issue", Json.parse("{\"properties\":{}}"));

  private final ScriptedLanguageModel model = new ScriptedLanguageModel("openai");

  private static ToolDefinition tool(String name, JsonNode schema) {
    return new ToolDefinition(name, name, "does " + name, ToolCategory.READ, schema, Json.object(),
        ToolAnnotations.read());
  }

  private ModelPlanner planner(ModelPlannerConfig config, TokenCounter counter) {
    return new ModelPlanner(List.of(new ConfiguredModel("openai", "gpt-6-luna", model)), config, counter);
  }

  private ModelPlanner planner() {
    return planner(ModelPlannerConfig.defaults(), TokenCounter.ROUGH);
  }

  private static PlanningRequest request(List<ChatTurn> history, List<ToolStep> steps, ChatEvents events) {
    return new PlanningRequest("How did campaigns do last week?", NOW, ZoneId.of("Europe/Berlin"), history,
        List.of(REPORT, ISSUE), steps, events);
  }

  private static ChatTurn turn(int seq, String question, String answer) {
    return new ChatTurn("trn_" + seq, "ses_1", seq, "req-" + seq, "key1", NOW, question, answer, "answer", null);
  }

  private static ToolStep step(String id, String tool, String outcome, String result, int hop) {
    return new ToolStep(new PlannedCall(id, tool, Json.parse("{\"start\":\"2026-10-26\"}")), outcome,
        Json.parse(result), hop);
  }

  @Test
  void sendsSystemPromptHistoryQuestionToolsAndTheTurnsStepsGroupedByRound() {
    model.thenAnswer("Revenue was 1,234.50 EUR.", 900, 12);
    List<ToolStep> steps = List.of(
        step("c1", "campaign_performance", "ok", "{\"revenue\":1234.5}", 1),
        step("c2", "campaign_performance", "ok", "{\"revenue\":99}", 1),
        step("c3", "github.create_issue", "tool_not_allowed",
            "{\"code\":\"tool_not_allowed\",\"message\":\"key agent1 may not call github.create_issue\"}", 2));

    planner().plan(request(List.of(turn(1, "hello", "Hi! Ask about campaigns.")), steps, ChatEvents.NONE));

    ModelRequest sent = model.requests().get(0);
    assertThat(sent.model()).isEqualTo("gpt-6-luna");
    assertThat(sent.streaming()).isFalse();
    List<ModelMessage> messages = sent.messages();
    assertThat(messages).hasSize(9);
    assertThat(((ModelMessage.System) messages.get(0)).text())
        .startsWith(ModelPlannerConfig.DEFAULT_SYSTEM_PROMPT)
        .contains("Today is 2026-11-05 (Thursday)", "Europe/Berlin");
    assertThat(messages.get(1)).isEqualTo(new ModelMessage.User("hello"));
    assertThat(messages.get(2)).isEqualTo(new ModelMessage.Assistant("Hi! Ask about campaigns.", List.of()));
    assertThat(messages.get(3)).isEqualTo(new ModelMessage.User("How did campaigns do last week?"));
    ModelMessage.Assistant firstRound = (ModelMessage.Assistant) messages.get(4);
    assertThat(firstRound.toolCalls()).extracting(ModelToolCall::id).containsExactly("c1", "c2");
    assertThat(messages.get(5)).isEqualTo(
        new ModelMessage.ToolResult("c1", "campaign_performance", "{\"revenue\":1234.5}", false));
    ModelMessage.Assistant secondRound = (ModelMessage.Assistant) messages.get(7);
    assertThat(secondRound.toolCalls()).extracting(ModelToolCall::name).containsExactly("github_create_issue");
    ModelMessage.ToolResult refused = (ModelMessage.ToolResult) messages.get(8);
    assertThat(refused.isError()).isTrue();
    assertThat(refused.content()).contains("tool_not_allowed", "may not call");

    assertThat(sent.tools()).extracting(t -> t.name()).containsExactly("campaign_performance", "github_create_issue");
    assertThat(sent.tools().get(0).inputSchema()).isEqualTo(REPORT_SCHEMA);
    assertThat(sent.tools().get(0).description()).isEqualTo("does campaign_performance");
    // A schema without "type" is offered as an object schema all the same.
    assertThat(sent.tools().get(1).inputSchema().path("type").asText()).isEqualTo("object");
  }

  @Test
  void aReplyWithToolCallsBecomesCallToolsWithTheModelsIdsAndToolgatesNames() {
    model.thenCall(
        new ModelToolCall("call_a", "campaign_performance", Json.parse("{\"start\":\"2026-10-26\",\"end\":\"2026-11-01\"}")),
        new ModelToolCall("call_b", "github_create_issue", Json.object()));

    Plan plan = planner().plan(request(List.of(), List.of(), ChatEvents.NONE));

    assertThat(plan).isInstanceOf(Plan.CallTools.class);
    Plan.CallTools calls = (Plan.CallTools) plan;
    assertThat(calls.calls()).extracting(PlannedCall::id).containsExactly("call_a", "call_b");
    assertThat(calls.calls()).extracting(PlannedCall::tool).containsExactly("campaign_performance", "github.create_issue");
    assertThat(calls.calls().get(0).arguments().path("end").asText()).isEqualTo("2026-11-01");
    assertThat(calls.usage().provider()).isEqualTo("openai");
    assertThat(calls.usage().inputTokens()).isEqualTo(10);
  }

  @Test
  void aTextReplyIsTheAnswerWithItsTokensAndCost() {
    model.thenReply(new ModelReply("openai", "gpt-6-luna-2026-11-17", "Revenue was 120 EUR.", List.of(),
        new TokenUsage(4318, 19, true), new BigDecimal("0.000441"), "stop"));

    Plan.Answer answer = (Plan.Answer) planner().plan(request(List.of(), List.of(), ChatEvents.NONE));

    assertThat(answer.text()).isEqualTo("Revenue was 120 EUR.");
    assertThat(answer.usage().model()).isEqualTo("gpt-6-luna-2026-11-17");
    assertThat(answer.usage().inputTokens()).isEqualTo(4318);
    assertThat(answer.usage().outputTokens()).isEqualTo(19);
    assertThat(answer.usage().costUsd()).isEqualByComparingTo("0.000441");
    assertThat(answer.usage().estimated()).isTrue();
  }

  @Test
  void anAnswerCutAtTheReplyLimitSaysSo() {
    model.thenReply(new ModelReply("openai", "gpt-6-luna", "Revenue was", List.of(), new TokenUsage(10, 3, false),
        null, "length"));

    Plan.Answer answer = (Plan.Answer) planner().plan(request(List.of(), List.of(), ChatEvents.NONE));

    assertThat(answer.text()).startsWith("Revenue was").contains("cut short");
    assertThat(answer.usage().costUsd()).isZero();
  }

  @Test
  void streamingSendsTheTextDeltasToTheTurnsEvents() {
    model.thenAnswer("Revenue was 120 EUR.", 10, 5);
    List<String> deltas = new ArrayList<>();
    ChatEvents events = new ChatEvents() {
      @Override
      public void text(String delta) {
        deltas.add(delta);
      }
    };

    planner(ModelPlannerConfig.defaults().withStreaming(true), TokenCounter.ROUGH)
        .plan(request(List.of(), List.of(), events));

    assertThat(model.requests().get(0).streaming()).isTrue();
    assertThat(deltas).containsExactly("Revenue ", "was ", "120 ", "EUR.");
  }

  @Test
  void trimsTheOldestTurnsButKeepsTheSystemPromptAndTheRecentMessages() {
    model.thenAnswer("ok", 1, 1);
    List<ChatTurn> history = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      history.add(turn(i, "question " + i + " " + "x".repeat(400), "answer " + i + " " + "y".repeat(400)));
    }
    // Window 1000, reply reserve 300: about 700 tokens for a prompt of ~80, tools ~40 and 100 per message.
    ModelPlannerConfig config = ModelPlannerConfig.defaults().withContext(1000, 300, 3);

    planner(config, TokenCounter.ROUGH).plan(request(history, List.of(), ChatEvents.NONE));

    List<ModelMessage> sent = model.requests().get(0).messages();
    assertThat(sent.get(0)).isInstanceOf(ModelMessage.System.class);
    assertThat(sent.get(sent.size() - 1)).isEqualTo(new ModelMessage.User("How did campaigns do last week?"));
    assertThat(sent.size()).isLessThan(12).isGreaterThanOrEqualTo(4);
    // What is left of the history is its newest part, opening with a question.
    assertThat(((ModelMessage.User) sent.get(1)).text()).doesNotStartWith("question 1 ");
    assertThat(sent.get(sent.size() - 2)).isEqualTo(new ModelMessage.Assistant("answer 5 " + "y".repeat(400), List.of()));
  }

  @Test
  void keepsTheLastPreserveRecentMessagesEvenOverBudget() {
    model.thenAnswer("ok", 1, 1);
    List<ChatTurn> history = List.of(turn(1, "q " + "x".repeat(4000), "a " + "y".repeat(4000)));

    planner(ModelPlannerConfig.defaults().withContext(1000, 300, 3), TokenCounter.ROUGH)
        .plan(request(history, List.of(), ChatEvents.NONE));

    assertThat(model.requests().get(0).messages()).hasSize(4);
  }

  @Test
  void cutsALongToolResultWithANoteInsteadOfDroppingIt() {
    model.thenAnswer("ok", 1, 1);
    String rows = "{\"rows\":[" + "{\"name\":\"Campaign\",\"revenue\":10},".repeat(2000) + "{}]}";
    List<ToolStep> steps = List.of(step("c1", "campaign_performance", "ok", rows, 1));

    planner().plan(request(List.of(), steps, ChatEvents.NONE));

    ModelMessage.ToolResult sent = (ModelMessage.ToolResult) model.requests().get(0).messages().get(3);
    assertThat(sent.callId()).isEqualTo("c1");
    assertThat(sent.content()).startsWith("{\"rows\":[{\"name\":\"Campaign\"")
        .contains(ContextWindow.NOTE_START, "characters are shown");
    assertThat(sent.content().length()).isLessThan(rows.length() / 4);
  }

  @Test
  void answersWithTheChosenModel() {
    ScriptedLanguageModel claude = new ScriptedLanguageModel("anthropic").thenAnswer("Hi", 1, 1);
    ModelPlanner planner = new ModelPlanner(
        List.of(new ConfiguredModel("openai", "gpt-6-luna", model), new ConfiguredModel("anthropic", "claude-haiku-5-5", claude)),
        ModelPlannerConfig.defaults(), TokenCounter.ROUGH);

    Plan.Answer answer = (Plan.Answer) planner.plan(
        new PlanningRequest("hi", NOW, ZoneId.of("UTC"), List.of(), List.of(), List.of(), ChatEvents.NONE,
            "anthropic/claude-haiku-5-5"));

    assertThat(planner.models()).containsExactly("openai/gpt-6-luna", "anthropic/claude-haiku-5-5");
    assertThat(claude.requests().get(0).model()).isEqualTo("claude-haiku-5-5");
    assertThat(answer.usage().provider()).isEqualTo("anthropic");
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void aKeyTheProviderRefusesMakesThePlannerUnavailableNamingTheModel() {
    model.thenFail(new ModelCredentialsException("openai", "openai refused the API key (401)"));

    assertThatThrownBy(() -> planner().plan(request(List.of(), List.of(), ChatEvents.NONE)))
        .isInstanceOf(PlannerUnavailableException.class)
        .hasMessageContaining("openai/gpt-6-luna")
        .hasMessageContaining("refused the API key");
  }

  @Test
  void withTheCompactCatalogueTheModelSearchesDescribesAndCallsThroughTheMetaTools() {
    model.thenCall(new ModelToolCall("s1", "search_tools", Json.parse("{\"query\":\"campaign\"}")))
        .thenCall(new ModelToolCall("d1", "describe_tool", Json.parse("{\"name\":\"campaign_performance\"}")))
        .thenCall(new ModelToolCall("c1", "call_tool",
            Json.parse("{\"name\":\"campaign_performance\",\"arguments\":{\"start\":\"2026-10-26\"}}")));
    ModelPlanner planner = planner(ModelPlannerConfig.defaults().withCompactCatalogue(true), TokenCounter.ROUGH);

    Plan plan = planner.plan(request(List.of(), List.of(), ChatEvents.NONE));

    assertThat(plan).isInstanceOf(Plan.CallTools.class);
    PlannedCall call = ((Plan.CallTools) plan).calls().get(0);
    assertThat(call.tool()).isEqualTo("campaign_performance");
    assertThat(call.arguments().path("start").asText()).isEqualTo("2026-10-26");
    // Each scripted reply reads 10 tokens and writes 5: the look-ups count too.
    assertThat(((Plan.CallTools) plan).usage().inputTokens()).isEqualTo(30);
    assertThat(((Plan.CallTools) plan).usage().outputTokens()).isEqualTo(15);
    List<ModelRequest> sent = model.requests();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).tools()).extracting(t -> t.name()).containsExactly("call_tool", "describe_tool", "search_tools");
    ModelMessage.ToolResult found = (ModelMessage.ToolResult) sent.get(1).messages().get(sent.get(1).messages().size() - 1);
    assertThat(found.content()).contains("campaign_performance").doesNotContain("github.create_issue");
    ModelMessage.ToolResult described = (ModelMessage.ToolResult) sent.get(2).messages().get(sent.get(2).messages().size() - 1);
    assertThat(described.content()).contains("\"input_schema\"").contains("\"required\":[\"start\",\"end\"]");
  }

  @Test
  void withTheCompactCatalogueTheTurnsCallsAreShownAsCallToolAndAnUnknownDescribeIsAnError() {
    model.thenCall(new ModelToolCall("d1", "describe_tool", Json.parse("{\"name\":\"drop_database\"}")))
        .thenAnswer("Done.", 10, 2);
    ModelPlanner planner = planner(ModelPlannerConfig.defaults().withCompactCatalogue(true), TokenCounter.ROUGH);

    Plan plan = planner.plan(request(List.of(), List.of(step("c1", "campaign_performance", "ok", "{\"revenue\":1}", 1)),
        ChatEvents.NONE));

    assertThat(plan).isInstanceOf(Plan.Answer.class);
    List<ModelMessage> first = model.requests().get(0).messages();
    ModelMessage.Assistant asked = (ModelMessage.Assistant) first.get(first.size() - 2);
    assertThat(asked.toolCalls().get(0).name()).isEqualTo("call_tool");
    assertThat(asked.toolCalls().get(0).arguments().path("name").asText()).isEqualTo("campaign_performance");
    List<ModelMessage> second = model.requests().get(1).messages();
    ModelMessage.ToolResult refused = (ModelMessage.ToolResult) second.get(second.size() - 1);
    assertThat(refused.isError()).isTrue();
    assertThat(refused.content()).contains("unknown_tool", "drop_database");
  }
}
