package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.ForwardingAuditLog;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn paused for an approval goes on exactly once even when nothing resumed it at the decision:
 * the resume pool refused it (as after a crash), the decision's audit failed, or two instances
 * recover at once.
 */
class ChatPausedTurnRecoveryTest {
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final Principal APPROVER =
      new Principal("approver1", "approver", Set.of(Role.APPROVER), null, Set.of(), Set.of(), null);
  private static final GatewayConfig CONFIG = GatewayConfig.custom().approvalRequiredTools(Set.of("add_note")).build();

  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger planned = new AtomicInteger();
  /** Whether the resume pool takes work; false stands for a process that stopped before resuming. */
  private final AtomicBoolean resumesRun = new AtomicBoolean(true);
  private final AtomicBoolean auditFails = new AtomicBoolean();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private ChatFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ChatFixture(NOW, null, CONFIG, this::wire);
    fixture.client("demo", "UTC", MarketingBackend.NONE);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  /** The planner, the tool, the switchable resume pool and audit of one gateway instance. */
  private void wire(dev.toolgate.core.ToolgateBuilder builder) {
    builder
        .planner(request -> {
          planned.incrementAndGet();
          if (request.steps().isEmpty()) {
            return new Plan.CallTools(List.of(new PlannedCall("n1", "add_note", Json.object().put("text", "hi"))), null);
          }
          return new Plan.Answer("The note: " + request.steps().get(0).outcome() + ".", null);
        })
        .toolProvider(notesTool())
        .chatResumes(task -> {
          if (!resumesRun.get()) {
            throw new RejectedExecutionException("the resume pool is stopped");
          }
          task.run();
        })
        .audit(new ForwardingAuditLog(audit) {
          @Override
          public AuditRecord append(AuditEntry entry) {
            if (auditFails.get() && "approver1".equals(entry.keyId())) {
              throw new UnavailableException("audit store down");
            }
            return super.append(entry);
          }
        });
  }

  private ChatAnswer pause() {
    ChatAnswer paused = fixture.answer("demo", "note hi");
    assertThat(paused.intent()).isEqualTo(ChatTurn.AWAITING_APPROVAL);
    return paused;
  }

  private DecisionOutcome decide(Toolgate gateway, ChatAnswer paused) {
    return gateway.approvals().decide(
        new DecideCommand(APPROVER, paused.evidence().path("paused_for_approval").asText(), Decision.APPROVE, "ok",
            "req-d-" + System.nanoTime()));
  }

  private List<ChatTurn> turns(ChatAnswer paused) {
    return fixture.sessions.turns(paused.sessionId(), 10);
  }

  @Test
  void aDecisionNoOneResumedIsResumedOnceByTheRecoveryAndNeverAgain() {
    ChatAnswer paused = pause();
    resumesRun.set(false);

    assertThat(decide(fixture.gateway, paused)).isInstanceOf(DecisionOutcome.Approved.class);
    assertThat(turns(paused)).as("nothing resumed the turn").hasSize(1);
    assertThat(fixture.gateway.chat().recoverPausedTurns()).as("the pool still refuses").isZero();

    resumesRun.set(true);
    assertThat(fixture.gateway.chat().recoverPausedTurns()).isEqualTo(1);
    assertThat(fixture.gateway.chat().recoverPausedTurns()).as("a re-run finds it done").isZero();
    decide(fixture.gateway, paused);

    List<ChatTurn> turns = turns(paused);
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).answer()).isEqualTo("The note: ok.");
    assertThat(turns.get(1).evidence().path("resumes_turn").asText()).isEqualTo(paused.turnId());
    assertThat(runs).as("the approved call ran once, by the decision").hasValue(1);
    assertThat(planned).as("the planner was asked once before and once after the pause").hasValue(2);
  }

  @Test
  void whenTheDecisionsAuditFailsTheTurnStaysPausedAndTheRetriedDecisionResumesIt() {
    ChatAnswer paused = pause();
    auditFails.set(true);

    DecisionOutcome failed = decide(fixture.gateway, paused);

    assertThat(failed).isInstanceOf(DecisionOutcome.Unavailable.class);
    assertThat(turns(paused)).as("an unacknowledged decision resumes nothing").hasSize(1);

    auditFails.set(false);
    DecisionOutcome retried = decide(fixture.gateway, paused);

    assertThat(retried).isInstanceOf(DecisionOutcome.AlreadyDecided.class);
    assertThat(turns(paused)).hasSize(2);
    assertThat(turns(paused).get(1).answer()).isEqualTo("The note: ok.");
    assertThat(runs).hasValue(1);
  }

  @Test
  void twoInstancesRecoveringAtOnceResumeTheTurnOnce() throws Exception {
    ChatAnswer paused = pause();
    resumesRun.set(false);
    decide(fixture.gateway, paused);
    resumesRun.set(true);
    Toolgate other = fixture.gateway(null, CONFIG, this::wire);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      Future<Integer> first = threads.submit(() -> {
        go.await();
        return fixture.gateway.chat().recoverPausedTurns();
      });
      Future<Integer> second = threads.submit(() -> {
        go.await();
        return other.chat().recoverPausedTurns();
      });
      go.countDown();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
      other.close();
    }

    assertThat(turns(paused)).hasSize(2);
    assertThat(planned).hasValue(2);
  }

  @Test
  void aTurnPausedLongerAgoThanTheIdempotencyRetentionIsNotLookedAt() {
    ChatAnswer paused = pause();
    resumesRun.set(false);
    decide(fixture.gateway, paused);
    resumesRun.set(true);
    fixture.clock.advance(CONFIG.idempotencyRetention().plus(Duration.ofMinutes(1)));

    assertThat(fixture.gateway.chat().recoverPausedTurns()).isZero();
    assertThat(turns(paused)).hasSize(1);
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
