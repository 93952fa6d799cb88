package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a streaming face sees of a turn: tool calls as they start and end, and the answer's text. */
class ChatEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");

  private ChatFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Records events as lines, in order. */
  private static final class Recorded implements ChatEvents {
    final List<String> lines = new ArrayList<>();

    @Override
    public void text(String delta) {
      lines.add("text:" + delta);
    }

    @Override
    public void toolCall(String callId, String tool, JsonNode arguments) {
      lines.add("call:" + callId + ":" + tool);
    }

    @Override
    public void toolResult(String callId, String tool, String code, boolean success) {
      lines.add("result:" + callId + ":" + tool + ":" + code + ":" + success);
    }
  }

  private ChatAnswer ask(ScriptedPlanner planner, Recorded events) {
    fixture = new ChatFixture(NOW, null, GatewayConfig.defaults(), builder -> builder.planner(planner));
    fixture.client("demo", "UTC", MarketingBackend.SAMPLE);
    ChatOutcome outcome =
        fixture.gateway.chat().chat(
            new ChatCommand(ChatFixture.agent(), "demo", "how did campaigns do?", null, "req-1", events));
    return ((ChatOutcome.Answered) outcome).answer();
  }

  private static PlannedCall report(String id) {
    ObjectNode arguments = Json.object();
    arguments.put("client_key", "demo");
    arguments.put("start", "2026-10-26");
    arguments.put("end", "2026-11-01");
    return new PlannedCall(id, "campaign_performance", arguments);
  }

  @Test
  void toolCallsAreReportedAroundTheirRunAndAnUnstreamedAnswerComesWhole() {
    Recorded events = new Recorded();
    ChatAnswer answer =
        ask(
            new ScriptedPlanner(
                request -> new Plan.CallTools(List.of(report("c1")), null),
                request -> new Plan.Answer("Campaigns did fine.", null)),
            events);

    assertThat(answer.text()).isEqualTo("Campaigns did fine.");
    assertThat(events.lines)
        .containsExactly(
            "call:c1:campaign_performance", "result:c1:campaign_performance:ok:true", "text:Campaigns did fine.");
  }

  @Test
  void aPlannerThatStreamsItsAnswerIsNotRepeated() {
    Recorded events = new Recorded();
    ChatAnswer answer =
        ask(
            new ScriptedPlanner(
                request -> {
                  request.events().text("Campaigns ");
                  request.events().text("did fine.");
                  return new Plan.Answer("Campaigns did fine.", null);
                }),
            events);

    assertThat(answer.text()).isEqualTo("Campaigns did fine.");
    assertThat(events.lines).containsExactly("text:Campaigns ", "text:did fine.");
  }
}
