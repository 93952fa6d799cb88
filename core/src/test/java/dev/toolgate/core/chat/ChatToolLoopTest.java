package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.chat.ModelUsage;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.ToolLog;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.UsageRow;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat loop with a planner that asks for tools, as a model does: every call guarded, every token counted. */
class ChatToolLoopTest {
  /** Thursday 5 November 2026, 14:30 UTC. */
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final ModelUsage REPLY =
      new ModelUsage("openai", "gpt-4o-mini", 1200, 40, new BigDecimal("0.000204"), false);

  private ChatFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private ScriptedPlanner start(GatewayConfig config, ScriptedPlanner planner, ToolProvider... providers) {
    fixture = new ChatFixture(NOW, null, config, builder -> {
      builder.planner(planner);
      for (ToolProvider provider : providers) {
        builder.toolProvider(provider);
      }
    });
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    return planner;
  }

  private static PlannedCall report(String id, String tool, String start, String end) {
    ObjectNode arguments = Json.object();
    arguments.put("client_key", "demo");
    arguments.put("start", start);
    arguments.put("end", end);
    return new PlannedCall(id, tool, arguments);
  }

  private static Plan callTools(PlannedCall... calls) {
    return new Plan.CallTools(List.of(calls), REPLY);
  }

  @Test
  void runsPlannedCallsOverSeveralHopsAndPlansAgainWithTheirResults() {
    ScriptedPlanner planner =
        start(
            GatewayConfig.defaults(),
            new ScriptedPlanner(
                request -> callTools(report("c1", "campaign_performance", "2026-10-26", "2026-11-01")),
                request -> callTools(report("c2", "flow_performance", "2026-10-26", "2026-11-01")),
                request -> new Plan.Answer(
                    "Campaigns made " + request.steps().get(0).result().at("/totals/revenue").asText()
                        + " last week.", REPLY)));

    ChatAnswer answer = fixture.answer("demo", "how did campaigns and flows do last week?");

    assertThat(planner.requests).hasSize(3);
    assertThat(planner.requests.get(0).tools()).extracting(ToolDefinition::name)
        .contains("campaign_performance", "flow_performance");
    assertThat(planner.requests).extracting(request -> request.steps().size()).containsExactly(0, 1, 2);
    List<ToolStep> steps = planner.requests.get(2).steps();
    assertThat(steps).extracting(step -> step.call().id()).containsExactly("c1", "c2");
    assertThat(steps).allSatisfy(step -> assertThat(step.outcome()).isEqualTo("ok"));
    List<ToolLog> logs = fixture.sessions.toolLogs(answer.requestId());
    assertThat(logs).extracting(ToolLog::tool).containsExactly("campaign_performance", "flow_performance");
    assertThat(steps.get(0).result()).isEqualTo(logs.get(0).result());
    String revenue = logs.get(0).result().at("/totals/revenue").asText();
    assertThat(revenue).isNotEmpty();
    assertThat(answer.text()).isEqualTo("Campaigns made " + revenue + " last week.");
    assertThat(answer.intent()).isEqualTo("answer");

    JsonNode evidence = answer.evidence();
    assertThat(evidence.get("tool_hops").asInt()).isEqualTo(2);
    assertThat(evidence.get("tool_calls")).hasSize(2);
    assertThat(evidence.at("/tool_calls/0/hop").asInt()).isEqualTo(1);
    assertThat(evidence.at("/tool_calls/1/hop").asInt()).isEqualTo(2);
    assertThat(evidence.at("/tool_calls/1/call_id").asText()).isEqualTo("c2");
    assertThat(evidence.at("/tool_calls/1/outcome").asText()).isEqualTo("ok");
    assertThat(evidence.get("sample_data").asBoolean()).isTrue();
    List<AuditRecord> audit = fixture.audit.read(AuditQuery.page(null, 10));
    assertThat(audit).extracting(r -> r.entry().tool()).containsExactly("campaign_performance", "flow_performance");
    assertThat(audit).allSatisfy(r -> {
      assertThat(r.entry().requestId()).isEqualTo(answer.requestId());
      assertThat(r.entry().clientKey()).isEqualTo("demo");
    });
  }

  @Test
  void countsEveryModelReplysTokensAndCostInTheEvidenceAndTheUsageLedger() {
    ModelUsage estimated = new ModelUsage("openai", "gpt-4o-mini", 1500, 60, new BigDecimal("0.000261"), true);
    start(
        GatewayConfig.defaults(),
        new ScriptedPlanner(
            request -> callTools(report("c1", "campaign_performance", "2026-10-26", "2026-11-01")),
            request -> new Plan.Answer("Done.", estimated)));

    ChatAnswer answer = fixture.answer("demo", "campaign revenue last week?");

    JsonNode evidence = answer.evidence();
    assertThat(evidence.get("provider").asText()).isEqualTo("openai");
    assertThat(evidence.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(evidence.get("model_replies").asInt()).isEqualTo(2);
    assertThat(evidence.get("tokens_in").asLong()).isEqualTo(2700);
    assertThat(evidence.get("tokens_out").asLong()).isEqualTo(100);
    assertThat(evidence.get("cost_usd").decimalValue()).isEqualByComparingTo("0.000465");
    assertThat(evidence.get("estimated").asBoolean()).isTrue();
    List<UsageRow> rows = fixture.usage.query(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-05"), "demo");
    UsageRow model = rows.stream().filter(r -> r.tool().equals("llm:openai/gpt-4o-mini")).findFirst().orElseThrow();
    assertThat(model.calls()).isEqualTo(2);
    assertThat(model.errors()).isZero();
    assertThat(model.tokens()).isEqualTo(2800);
    assertThat(model.costUsd()).isEqualByComparingTo("0.000465");
    assertThat(rows).extracting(UsageRow::tool).contains("campaign_performance");
  }

  @Test
  void stopsTheTurnAfterTheMaximumNumberOfToolHops() {
    ScriptedPlanner planner =
        start(
            GatewayConfig.custom().chatMaxToolHops(2).build(),
            new ScriptedPlanner(request -> callTools(report(null, "campaign_performance", "2026-10-26", "2026-11-01"))));

    ChatAnswer answer = fixture.answer("demo", "keep looking at campaigns");

    assertThat(planner.requests).hasSize(3);
    assertThat(answer.text()).startsWith("I stopped before finishing: answering this took more than 2 rounds of tool calls");
    assertThat(answer.evidence().get("stopped").asText()).isEqualTo("max_tool_hops");
    assertThat(answer.evidence().get("max_tool_hops").asInt()).isEqualTo(2);
    assertThat(answer.evidence().get("tool_calls")).hasSize(2);
    assertThat(answer.evidence().get("model_replies").asInt()).isEqualTo(3);
    assertThat(fixture.sessions.toolLogs(answer.requestId())).hasSize(2);
    assertThat(fixture.sessions.turns(answer.sessionId(), 5).get(0).answer()).isEqualTo(answer.text());
  }

  @Test
  void aToolThePrincipalMayNotCallIsDeniedByThePipelineAndShownAsDenied() {
    ScriptedPlanner planner =
        start(
            GatewayConfig.defaults(),
            new ScriptedPlanner(
                request -> callTools(report("f1", "flow_performance", "2026-10-26", "2026-11-01")),
                request -> new Plan.Answer("I may not read flows.", REPLY)));
    ClientProfile demo = fixture.clients.find("demo").orElseThrow();
    fixture.clients.upsert(
        new ClientProfile("demo", demo.displayName(), demo.timeZone(), Set.of(), Set.of("flow_performance"), null,
            MarketingBackend.SAMPLE));

    ChatAnswer answer = fixture.answer("demo", "how did flows do?");

    assertThat(planner.requests.get(0).tools()).extracting(ToolDefinition::name)
        .contains("campaign_performance").doesNotContain("flow_performance");
    ToolStep step = planner.requests.get(1).steps().get(0);
    assertThat(step.outcome()).isEqualTo("tool_not_allowed");
    assertThat(step.result().get("code").asText()).isEqualTo("tool_not_allowed");
    assertThat(answer.evidence().at("/tool_calls/0/outcome").asText()).isEqualTo("tool_not_allowed");
    assertThat(answer.evidence().at("/tool_calls/0/message").asText()).isNotBlank();
    assertThat(fixture.sessions.toolLogs(answer.requestId())).extracting(ToolLog::outcome)
        .containsExactly("tool_not_allowed");
    assertThat(fixture.audit.read(AuditQuery.tail(10))).extracting(r -> r.entry().outcome()).containsExactly("denied");
  }

  @Test
  void givesEachSideEffectingCallAnIdempotencyKeyFromTheTurnAndItsIndex() {
    List<String> keys = new CopyOnWriteArrayList<>();
    ToolProvider notes = notesTool(keys);
    ObjectNode note = Json.object();
    note.put("text", "call back");
    start(
        GatewayConfig.defaults(),
        new ScriptedPlanner(
            request -> callTools(
                report("r", "campaign_performance", "2026-10-26", "2026-11-01"),
                new PlannedCall("n1", "add_note", note),
                new PlannedCall("n2", "add_note", note)),
            request -> new Plan.Answer("Noted twice.", null)),
        notes);

    ChatAnswer answer = fixture.answer("demo", "note it down");

    // The tool receives each key as its effect key: scoped to the principal and the tool.
    assertThat(keys)
        .containsExactly(
            new IdempotencyScope("agent1", "add_note", "chat-" + answer.turnId() + "-1").effectKey(),
            new IdempotencyScope("agent1", "add_note", "chat-" + answer.turnId() + "-2").effectKey());
    assertThat(answer.evidence().get("tool_calls")).extracting(call -> call.get("outcome").asText())
        .containsExactly("ok", "ok", "ok");
    assertThat(answer.evidence().get("model_replies").asInt()).as("the final answer came without usage").isEqualTo(1);
  }

  private static ToolProvider notesTool(List<String> keys) {
    ObjectNode input = Json.object();
    input.put("type", "object");
    input.putObject("properties").putObject("text").put("type", "string");
    ToolDefinition definition =
        new ToolDefinition(
            "add_note", "Add note", "Adds a note to the client.", ToolCategory.WRITE, input, Json.object(),
            ToolAnnotations.write());
    Tool tool = new Tool(definition, invocation -> {
      keys.add(invocation.idempotencyKey());
      ObjectNode result = Json.object();
      result.put("saved", true);
      return ToolResult.of(result);
    });
    return new ToolProvider() {
      @Override
      public String name() {
        return "notes";
      }

      @Override
      public List<Tool> tools() {
        return List.of(tool);
      }
    };
  }

  @Test
  void theRuleBasedPlannerRecordsNoModelUsage() {
    fixture = new ChatFixture(NOW, null);
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);

    ChatAnswer answer = fixture.answer("demo", "campaigns last week");

    assertThat(answer.evidence().has("model")).isFalse();
    assertThat(answer.evidence().has("tool_hops")).isFalse();
    assertThat(fixture.usage.query(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-05"), "demo"))
        .extracting(UsageRow::tool).containsExactly("campaign_performance");
  }
}
