package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes each turn paused for an approval exactly once, whoever notices the decision first: the
 * approvals use case telling the chat (on this instance, right after the decision or a repeat of
 * it), or the recovery that scans for paused turns whose approval is decided (at start-up and in each
 * maintenance run, so a crash between decision and resume, a full resume pool or a decision whose
 * audit failed is made good). "At most once" is an idempotency record per approval (tool {@value
 * #TOOL}, key the approval id) reserved before the turn goes on and completed with the resumed turn's
 * id; a holder that died mid-resume is taken over after {@link #LEASE}, and only if the session
 * does not hold the resumed turn already.
 */
final class TurnResumer {
  /** The pseudo-tool the idempotency records of resumes are kept under; no real tool has a colon. */
  static final String TOOL = "chat:resume";
  /** How long a resume may run before another instance may take it over as abandoned. */
  static final Duration LEASE = Duration.ofMinutes(10);
  /** Paused turns read per page of a recovery scan, and pages at most. */
  private static final int PAGE = 200;
  private static final int MAX_PAGES = 50;

  private static final Logger log = LoggerFactory.getLogger(TurnResumer.class);

  private final ChatService chat;
  private final ChatSessionStore sessions;
  private final ApprovalStore approvals;
  private final IdempotencyStore idempotency;
  private final Duration window;
  private final Executor executor;
  private final Clock clock;
  /**
   * The listeners of paused turns, by approval id, so that one still connected sees the turn finish.
   * In memory only: after a restart the resumed answer is in the session.
   */
  private final ConcurrentMap<String, ChatEvents> waiting = new ConcurrentHashMap<>();

  TurnResumer(
      ChatService chat,
      ChatSessionStore sessions,
      ApprovalStore approvals,
      IdempotencyStore idempotency,
      Duration window,
      Executor executor,
      Clock clock) {
    this.chat = chat;
    this.sessions = java.util.Objects.requireNonNull(sessions, "sessions");
    this.approvals = java.util.Objects.requireNonNull(approvals, "approvals");
    this.idempotency = java.util.Objects.requireNonNull(idempotency, "idempotency");
    this.window = java.util.Objects.requireNonNull(window, "window");
    this.executor = java.util.Objects.requireNonNull(executor, "executor");
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /** Keeps the listener of a turn that just paused for {@code approvalId}. */
  void await(String approvalId, ChatEvents listener) {
    waiting.put(approvalId, listener);
  }

  /** The approvals use case's news of a decision (or a repeat of one): resumes its turn, if any. */
  void decided(DecisionOutcome decided) {
    Approval approval = decided.approval();
    ToolOutcome execution = decided instanceof DecisionOutcome.Approved approved ? approved.execution() : null;
    submit(approval.id(), () -> pausedTurn(approval).ifPresent(paused -> resumeOnce(paused, approval, execution)));
  }

  /**
   * Hands every paused turn of the last {@link #window} whose approval is decided and whose resume
   * is neither done nor running to the executor; returns how many.
   */
  int recover() {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    Set<String> seen = new HashSet<>();
    int handed = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      List<ChatTurn> paused = sessions.pausedTurns(since, PAGE);
      boolean fresh = false;
      for (ChatTurn turn : paused) {
        if (!seen.add(turn.id())) {
          continue;
        }
        fresh = true;
        Optional<Approval> approval = approvalOf(turn).flatMap(approvals::find);
        if (approval.isEmpty() || !decided(approval.get(), now) || claimed(turn, approval.get(), now)) {
          continue;
        }
        log.info("turn {} paused for approval {}, which is {}, was not resumed; resuming it now", turn.id(),
            approval.get().id(), approval.get().status().wireName());
        if (submit(approval.get().id(), () -> resumeOnce(turn, approval.get(), null))) {
          handed++;
        }
      }
      if (paused.size() < PAGE || !fresh) {
        break;
      }
      // The next page starts at the last turn's time; turns of that millisecond come again and are skipped.
      since = paused.get(paused.size() - 1).at();
    }
    return handed;
  }

  private boolean submit(String approvalId, Runnable resume) {
    try {
      executor.execute(() -> {
        try {
          resume.run();
        } catch (RuntimeException e) {
          log.warn("the turn paused for approval {} could not resume; the recovery tries again", approvalId, e);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      log.warn("the turn paused for approval {} was not resumed now ({}); it stays paused until the recovery"
          + " finds it", approvalId, e.getMessage());
      return false;
    }
  }

  /** Approved with its call's outcome stored, or rejected: what a paused turn can go on with. */
  private static boolean decided(Approval approval, Instant now) {
    ApprovalStatus status = approval.statusAt(now);
    return status == ApprovalStatus.REJECTED || status == ApprovalStatus.APPROVED && approval.outcome() != null;
  }

  /** Whether this turn's resume is done or running somewhere: its record is live. */
  private boolean claimed(ChatTurn paused, Approval approval, Instant now) {
    return PausedTurn.principalKeyId(paused.evidence().path(PausedTurn.FIELD))
        .map(keyId -> idempotency.find(scope(keyId, approval.id()), now).isPresent())
        .orElse(true);
  }

  private void resumeOnce(ChatTurn paused, Approval approval, ToolOutcome execution) {
    PausedTurn state = PausedTurn.fromJson(paused.evidence().path(PausedTurn.FIELD));
    Instant now = clock.instant();
    if (!decided(approval, now) && execution == null) {
      return;
    }
    IdempotencyScope scope = scope(state.principal().keyId(), approval.id());
    Reservation reservation =
        idempotency.reserve(scope, Json.sha256(paused.id()), paused.requestId(), now, now.plus(LEASE), now.plus(window));
    if (reservation instanceof Reservation.Existing) {
      log.debug("turn {} is resumed (or being resumed) elsewhere", paused.id());
      return;
    }
    if (reservation instanceof Reservation.Abandoned) {
      Optional<ChatTurn> already = resumedTurn(paused);
      if (already.isPresent()) {
        // The holder died after appending the resumed turn but before saying so.
        idempotency.complete(scope, Json.object().put("turn_id", already.get().id()));
        return;
      }
    }
    ChatEvents listener = waiting.remove(approval.id());
    ChatAnswer answer;
    try {
      answer = continueTurn(paused, state, approval, execution, listener == null ? ChatEvents.NONE : listener);
    } catch (RuntimeException e) {
      idempotency.release(scope);
      throw e;
    }
    idempotency.complete(scope, Json.object().put("turn_id", answer == null ? null : answer.turnId()));
    if (answer != null && listener instanceof ResumedTurnListener resumed) {
      resumed.resumed(answer);
    }
  }

  private ChatAnswer continueTurn(
      ChatTurn paused, PausedTurn state, Approval approval, ToolOutcome execution, ChatEvents listener) {
    if (approval.status() == ApprovalStatus.REJECTED) {
      ObjectNode rejection = Json.object();
      rejection.put("code", "rejected");
      rejection.put(
          "message",
          "an approver rejected this call" + (approval.reason() == null ? "" : ": " + approval.reason()));
      return chat.continueTurn(paused, state, "rejected", state.decided("rejected", rejection), listener);
    }
    ToolOutcome outcome = execution != null ? execution : OutcomeCodec.decode(approval.outcome());
    List<ToolStep> steps = state.decided(outcome.code(), ChatService.logResult(outcome));
    return chat.continueTurn(paused, state, "approved", steps, listener);
  }

  /** The turn of the session that resumed {@code paused}, if one was appended. */
  private Optional<ChatTurn> resumedTurn(ChatTurn paused) {
    int count = sessions.findSession(paused.sessionId()).map(ChatSession::turnCount).orElse(0);
    return sessions.turns(paused.sessionId(), Math.max(1, count)).stream()
        .filter(turn -> paused.id().equals(turn.evidence().path("resumes_turn").asText(null)))
        .findFirst();
  }

  /** The turn that paused for {@code approval}: found through the tool logs of the approval's request. */
  private Optional<ChatTurn> pausedTurn(Approval approval) {
    if (approval.requestId() == null) {
      return Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    for (ToolLog logged : sessions.toolLogs(approval.requestId())) {
      if (!seen.add(logged.turnId())) {
        continue;
      }
      Optional<ChatSession> session = sessions.findSession(logged.sessionId());
      if (session.isEmpty()) {
        continue;
      }
      Optional<ChatTurn> paused =
          sessions.turns(logged.sessionId(), Math.max(1, session.get().turnCount())).stream()
              .filter(turn -> turn.id().equals(logged.turnId()))
              .filter(turn -> approval.id().equals(approvalOf(turn).orElse(null)))
              .findFirst();
      if (paused.isPresent()) {
        return paused;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> approvalOf(ChatTurn turn) {
    JsonNode id = turn.evidence().path("paused_for_approval");
    return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
  }

  private static IdempotencyScope scope(String keyId, String approvalId) {
    return new IdempotencyScope(keyId, TOOL, approvalId);
  }
}
