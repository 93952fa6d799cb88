package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A turn whose planned call needs approval pauses, and goes on with the call's outcome once it is decided. */
class ChatApprovalPauseTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final Principal APPROVER =
      new Principal("approver1", "approver", Set.of(Role.APPROVER), null, Set.of(), Set.of(), null);

  private final AtomicInteger runs = new AtomicInteger();
  private ScriptedPlanner planner;
  private ChatFixture fixture;

  @BeforeEach
  void start() {
    ObjectNode note = Json.object().put("text", "call back");
    planner =
        new ScriptedPlanner(
            request -> new Plan.CallTools(List.of(new PlannedCall("n1", "add_note", note)), null),
            request -> {
              ToolStep step = request.steps().get(0);
              return new Plan.Answer(
                  "The note: " + step.outcome() + (step.result().has("saved") ? ", saved." : ", not saved."), null);
            });
    fixture = new ChatFixture(NOW, null, GatewayConfig.custom().approvalRequiredTools(Set.of("add_note")).build(),
        builder -> builder.planner(planner).toolProvider(notesTool()));
    fixture.client("demo", "UTC", MarketingBackend.NONE);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ChatAnswer pause() {
    ChatAnswer paused = fixture.answer("demo", "note that they want a call back");
    assertThat(paused.intent()).isEqualTo("awaiting_approval");
    assertThat(paused.text()).contains("add_note", paused.evidence().path("paused_for_approval").asText());
    assertThat(runs).as("nothing runs before the decision").hasValue(0);
    return paused;
  }

  private DecisionOutcome decide(ChatAnswer paused, Decision decision) {
    return fixture.gateway.approvals().decide(
        new DecideCommand(APPROVER, paused.evidence().path("paused_for_approval").asText(), decision, "checked", "req-d"));
  }

  private List<ChatTurn> turns(ChatAnswer paused) {
    return fixture.sessions.turns(paused.sessionId(), 10);
  }

  @Test
  void anApprovedCallRunsOnceAndTheResumedAnswerUsesItsOutcome() {
    ChatAnswer paused = pause();

    assertThat(decide(paused, Decision.APPROVE)).isInstanceOf(DecisionOutcome.Approved.class);

    assertThat(runs).as("the approved call ran once, by the decision").hasValue(1);
    List<ChatTurn> turns = turns(paused);
    assertThat(turns).hasSize(2);
    ChatTurn resumed = turns.get(1);
    assertThat(resumed.answer()).isEqualTo("The note: ok, saved.");
    assertThat(resumed.requestId()).isEqualTo(paused.requestId());
    assertThat(resumed.question()).isEqualTo(turns.get(0).question());
    assertThat(resumed.evidence().path("resumes_turn").asText()).isEqualTo(paused.turnId());
    assertThat(resumed.evidence().path("approval_decision").asText()).isEqualTo("approved");
    assertThat(planner.requests).hasSize(2);
    assertThat(planner.requests.get(1).steps()).singleElement()
        .satisfies(step -> assertThat(step.call().id()).isEqualTo("n1"));
  }

  @Test
  void aRejectedCallNeverRunsAndTheResumedAnswerSaysSo() {
    ChatAnswer paused = pause();

    decide(paused, Decision.REJECT);

    assertThat(runs).hasValue(0);
    ChatTurn resumed = turns(paused).get(1);
    assertThat(resumed.answer()).isEqualTo("The note: rejected, not saved.");
    assertThat(resumed.evidence().path("approval_decision").asText()).isEqualTo("rejected");
    assertThat(planner.requests.get(1).steps().get(0).result().path("message").asText())
        .isEqualTo("an approver rejected this call: checked");
  }

  @Test
  void theStateToResumeIsKeptInThePausedTurnAndASecondDecisionResumesNothing() {
    ChatAnswer paused = pause();
    // What a restart loses: the listeners in memory. The paused turn's evidence holds the rest.
    assertThat(paused.evidence().path("resume").path("principal").path("key_id").asText()).isEqualTo("agent1");
    assertThat(paused.evidence().path("resume").path("steps").get(0).path("outcome").asText())
        .isEqualTo("approval_required");

    decide(paused, Decision.APPROVE);
    decide(paused, Decision.APPROVE);

    assertThat(turns(paused)).as("a second decision resumes nothing").hasSize(2);
    assertThat(runs).hasValue(1);
  }

  private ToolProvider notesTool() {
    ObjectNode input = Json.object();
    input.put("type", "object");
    input.putObject("properties").putObject("text").put("type", "string");
    ToolDefinition definition =
        new ToolDefinition(
            "add_note", "Add note", "Adds a note to the client.", ToolCategory.WRITE, input, Json.object(),
            ToolAnnotations.write());
    Tool tool = new Tool(definition, invocation -> {
      runs.incrementAndGet();
      return ToolResult.of(Json.object().put("saved", true));
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
}
