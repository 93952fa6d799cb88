package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatEvents;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ModelUsage;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlannedCall;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.chat.ToolLog;
import dev.toolgate.ports.chat.ToolStep;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.tool.ToolDefinition;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat orchestrator of ARCHITECTURE.md §4: question → plan → tool calls through the guarded
 * pipeline → answer with evidence → session, turn and tool logs stored.
 *
 * <p>A turn is a bounded loop: the planner sees the question, the tools the principal may call and
 * the steps taken so far; while it asks for tool calls ({@link Plan.CallTools}) they are run through
 * {@link CallToolUseCase} and it is asked again, at most {@link GatewayConfig#chatMaxToolHops()}
 * rounds. A marketing lookup ({@link Plan.Query}) is run and narrated here; help and a model's final
 * text ({@link Plan.Answer}) end the turn as they are. Each model reply's tokens and cost go to the
 * usage ledger (tool {@code llm:<provider>/<model>}) and the turn's totals into the evidence.
 *
 * <p>A planned call that needs approval pauses the turn: its answer so far says so (intent {@code
 * awaiting_approval}, evidence {@code paused_for_approval}) and its evidence keeps what is needed to
 * go on ({@link PausedTurn}). When the approval is decided ({@link #resume}), the planner is asked
 * again with the call's outcome (or its rejection) as the step, and the answer is appended to the
 * session as a new turn linked by {@code resumes_turn}, under the same request id; a listener of the
 * paused turn that is still there ({@link ResumedTurnListener}) gets it too.
 */
public final class ChatService implements ChatUseCase {
  /** The longest question taken. */
  public static final int MAX_TEXT = 2000;

  private static final Logger log = LoggerFactory.getLogger(ChatService.class);
  private static final int HISTORY = 5;
  private static final int APPEND_ATTEMPTS = 10;
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final CallToolUseCase calls;
  private final ToolCatalog catalog;
  private final ClientProfileStore clients;
  private final ChatSessionStore sessions;
  private final UsageLedger usage;
  private final Planner planner;
  private final int maxToolHops;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final TurnResumer resumer;

  /**
   * @param maxToolHops how many rounds of planned tool calls a turn may take (1 or more); the turn
   *     stops with a message saying so when the planner asks for more
   * @param approvals where the recovery reads whether a paused turn's approval was decided
   * @param idempotency keeps one record per resumed approval, so a turn is resumed at most once
   * @param resumeWindow how far back the recovery looks for paused turns (the idempotency retention,
   *     which its records outlive)
   * @param resumes runs the rest of a turn once its approval is decided ({@link #resume}); a bounded
   *     pool in a server, so the approver's answer does not wait for the model, or {@code Runnable::run}
   */
  public ChatService(
      CallToolUseCase calls,
      ToolCatalog catalog,
      ClientProfileStore clients,
      ChatSessionStore sessions,
      UsageLedger usage,
      Planner planner,
      int maxToolHops,
      ApprovalStore approvals,
      IdempotencyStore idempotency,
      Duration resumeWindow,
      Executor resumes,
      Clock clock) {
    this.calls = Objects.requireNonNull(calls, "calls");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.planner = Objects.requireNonNull(planner, "planner");
    if (maxToolHops < 1) {
      throw new IllegalArgumentException("maxToolHops must be at least 1, got " + maxToolHops);
    }
    this.maxToolHops = maxToolHops;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resumer = new TurnResumer(this, sessions, approvals, idempotency, resumeWindow, resumes, clock);
  }

  /**
   * One tool call made for the turn, as it went.
   *
   * @param hop the round of planned calls it belonged to, from 1; 0 for a marketing lookup's call
   * @param callId the planner's id for the call, or null
   */
  private record Call(
      int index, int hop, String callId, String tool, JsonNode arguments, ToolOutcome outcome, long latencyMs,
      Instant at) {}

  /** What the turn has done so far: its calls, its rounds, its time, and what the model replies cost. */
  private static final class Turn {
    final String id;
    final String requestId;
    final String clientKey;
    final Principal principal;
    final List<ToolDefinition> tools;
    final ChatEvents events;
    final List<Call> made = new ArrayList<>();
    final List<ToolStep> steps = new ArrayList<>();
    final ModelSpend spend = new ModelSpend();
    int hops;
    /** How many calls the turn made before it paused, when it is a resumed one. */
    int firstIndex;
    String pausedFor;
    String pausedCallId;
    String pausedTool;
    long planMs;
    long toolsNanos;

    Turn(
        String id, String requestId, String clientKey, Principal principal, List<ToolDefinition> tools, ChatEvents events) {
      this.id = id;
      this.events = events;
      this.requestId = requestId;
      this.clientKey = clientKey;
      this.principal = principal;
      this.tools = tools;
    }
  }

  @Override
  public ChatOutcome chat(ChatCommand command) {
    long started = System.nanoTime();
    Principal principal = command.principal();
    String clientKey = command.clientKey();
    String text = command.text().strip();
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      return new ChatOutcome.Refused(
          "invalid_question", "the question must be 1-" + MAX_TEXT + " characters, got " + text.length());
    }
    if (principal.clientKey() != null && !principal.clientKey().equals(clientKey)) {
      return new ChatOutcome.Refused(
          "client_not_allowed", "this key is scoped to client '" + principal.clientKey() + "', not '" + clientKey + "'");
    }
    Optional<ClientProfile> profile = clients.find(clientKey);
    String model = null;
    if (command.model() != null) {
      Optional<String> chosen = ModelChoice.resolve(command.model(), planner.models());
      if (chosen.isEmpty()) {
        return new ChatOutcome.Refused("unknown_model", ModelChoice.unknown(command.model(), planner.models()));
      }
      model = chosen.get();
    }
    if (profile.isEmpty()) {
      return new ChatOutcome.Refused("unknown_client", "there is no client '" + clientKey + "'");
    }
    if (model == null) {
      model = clientDefaultModel(profile.get());
    }
    Optional<String> refusal = planner.refusal(model, clientKey);
    if (refusal.isPresent()) {
      return new ChatOutcome.Refused("model_key_required", refusal.get());
    }
    String sessionId = command.sessionId();
    Optional<ChatSession> existing = Optional.empty();
    if (sessionId != null) {
      if (!SESSION_ID.matcher(sessionId).matches()) {
        return new ChatOutcome.Refused(
            "invalid_session_id", "session id '" + sessionId + "' must be 1-64 letters, digits, '-' or '_'");
      }
      existing = sessions.findSession(sessionId);
      if (existing.isPresent() && !existing.get().clientKey().equals(clientKey)) {
        return new ChatOutcome.Refused(
            "session_client_mismatch", "session '" + sessionId + "' belongs to another client");
      }
    } else {
      sessionId = "ses_" + randomId(20);
    }
    List<ChatTurn> history = existing.isPresent() ? sessions.turns(sessionId, HISTORY) : List.of();
    return turn(command, profile.get(), sessionId, existing.isPresent(), history, model, null, started);
  }

  /** A paused turn going on: the one it continues and its steps with the decided call's outcome. */
  private record Resumption(ChatTurn paused, PausedTurn state, String decision, List<ToolStep> steps) {}

  /** Runs a turn: a new question, or ({@code from} not null) the rest of one that paused for an approval. */
  private ChatOutcome.Answered turn(
      ChatCommand command,
      ClientProfile client,
      String sessionId,
      boolean existed,
      List<ChatTurn> history,
      String model,
      Resumption from,
      long started) {
    String clientKey = command.clientKey();
    String text = command.text().strip();
    Principal acting = scoped(command.principal(), clientKey);
    Turn turn =
        new Turn(
            "trn_" + randomId(20), command.requestId(), clientKey, acting, catalog.visibleTo(acting), command.events());
    if (from != null) {
      turn.steps.addAll(from.steps());
      turn.firstIndex = from.state().calls();
      turn.hops = from.steps().stream().mapToInt(ToolStep::hop).max().orElse(0);
    }
    StreamedText streamed = new StreamedText(command.events());
    PlanningRequest request =
        new PlanningRequest(
            text, clock.instant(), client.timeZone(), history, turn.tools, List.of(), streamed, model, clientKey);

    Plan plan = plan(request, turn, streamed);

    ObjectNode evidence = Json.object();
    evidence.put("intent", plan.intent());
    evidence.put("client_key", clientKey);
    evidence.put("time_zone", client.timeZone().getId());
    evidence.put("week_starts", "monday");
    evidence.put("planner", planner.getClass().getSimpleName());
    String intent = plan.intent();
    String answer;
    String flag = null;
    if (turn.pausedFor != null) {
      intent = "awaiting_approval";
      evidence.put("intent", intent);
      answer = Narrator.paused(turn.pausedTool, turn.pausedFor);
      evidence.put("paused_for_approval", turn.pausedFor);
      evidence.set(
          PausedTurn.FIELD,
          new PausedTurn(
                  turn.pausedFor, turn.pausedCallId, acting, model, turn.steps, turn.firstIndex + turn.made.size())
              .toJson());
      resumer.await(turn.pausedFor, command.events());
    } else if (plan instanceof Plan.Query query) {
      long lookupStarted = System.nanoTime();
      answer = answer(query, turn, client, evidence);
      turn.toolsNanos += System.nanoTime() - lookupStarted;
    } else if (plan instanceof Plan.Answer given) {
      flag = groundingNote(given.text(), request, turn, evidence);
      answer = flag == null ? given.text() : given.text() + flag;
    } else if (plan instanceof Plan.CallTools) {
      // The planner still wanted tools after the last allowed round: stop rather than loop on.
      answer = Narrator.stopped(maxToolHops);
      evidence.put("stopped", "max_tool_hops");
    } else {
      Plan.Help help = (Plan.Help) plan;
      answer = Narrator.help(help.reason());
      if (help.reason() != null) {
        evidence.put("reason", help.reason());
      }
    }
    if (from != null) {
      evidence.put("resumes_turn", from.paused().id());
      evidence.put("approval_id", from.state().approvalId());
      evidence.put("approval_decision", from.decision());
    }
    if (!(plan instanceof Plan.Answer) || !streamed.sinceLastPlan()) {
      // The answer is not text the planner streamed (rule-based, a model that does not stream, or the
      // gateway's own words): send it whole.
      command.events().text(answer);
    } else if (flag != null) {
      // The model's text went out as it was written; the flag on its figures follows it.
      command.events().text(flag);
    }
    if (turn.hops > 0) {
      evidence.put("tool_hops", turn.hops);
      evidence.put("max_tool_hops", maxToolHops);
    }
    turn.spend.writeTo(evidence);

    ArrayNode toolCalls = evidence.putArray("tool_calls");
    turn.made.forEach(call -> {
      ObjectNode node = Evidence.toolCall(call.tool(), call.arguments(), call.outcome(), call.latencyMs());
      if (call.hop() > 0) {
        node.put("hop", call.hop());
        node.put("call_id", call.callId());
      }
      toolCalls.add(node);
    });
    boolean sample = turn.made.stream().anyMatch(ChatService::sampleData);
    evidence.put("sample_data", sample);
    ObjectNode timings = evidence.putObject("timings");
    timings.put("plan_ms", turn.planMs);
    timings.put("tools_ms", Math.max(0, turn.toolsNanos / 1_000_000));
    timings.put("total_ms", millisSince(started));
    evidence.put("request_id", command.requestId());
    evidence.put("session_id", sessionId);
    evidence.put("turn_id", turn.id);

    persist(command, sessionId, existed, turn.id, text, answer, intent, evidence, turn.made);
    return new ChatOutcome.Answered(
        new ChatAnswer(sessionId, turn.id, command.requestId(), intent, answer, evidence, sample));
  }

  /**
   * Finishes the turn that paused for {@code decided}'s approval, if one did and it is not finished
   * yet: the planner is asked again with the call's outcome (approved: what the call returned;
   * rejected: a rejection) and the answer is appended to the session. Called by the approvals use
   * case after each decision (and each repeat of one); returns at once, the work runs on the resume
   * executor, and at most once per approval (see {@link TurnResumer}).
   */
  public void resume(DecisionOutcome decided) {
    resumer.decided(decided);
  }

  @Override
  public int recoverPausedTurns() {
    return resumer.recover();
  }

  /**
   * The rest of {@code paused}: its steps with the decided call's outcome go back to the planner and
   * the answer is appended to the session as a new turn; null, doing nothing, when the client is gone.
   */
  ChatAnswer continueTurn(ChatTurn paused, PausedTurn state, String decision, List<ToolStep> steps, ChatEvents listener) {
    ChatSession session = sessions.findSession(paused.sessionId()).orElseThrow();
    Optional<ClientProfile> client = clients.find(session.clientKey());
    if (client.isEmpty()) {
      log.warn("turn {} paused for approval {} cannot resume: client {} is gone", paused.id(), state.approvalId(),
          session.clientKey());
      return null;
    }
    String model = state.model() == null ? null : ModelChoice.resolve(state.model(), planner.models()).orElse(null);
    List<ChatTurn> recent =
        sessions.turns(session.id(), HISTORY + 1).stream().filter(turn -> !turn.id().equals(paused.id())).toList();
    List<ChatTurn> history = recent.subList(Math.max(0, recent.size() - HISTORY), recent.size());
    ChatCommand command =
        new ChatCommand(
            state.principal(), session.clientKey(), paused.question(), session.id(), paused.requestId(), listener,
            model);
    ChatOutcome.Answered answered =
        turn(command, client.get(), session.id(), true, history, model,
            new Resumption(paused, state, decision, steps), System.nanoTime());
    log.info("turn {} resumed after approval {} was {}, as turn {}", paused.id(), state.approvalId(), decision,
        answered.answer().turnId());
    return answered.answer();
  }

  @Override
  public List<ChatTurn> history(Principal principal, String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    // A key scoped to a client reads that client's sessions whatever its role: they are its own chat.
    if (principal.clientKey() == null && !principal.hasAnyRole(Set.of(Role.OPERATOR))) {
      throw new ForbiddenException(
          "reading chat history needs the operator or admin role, or a key scoped to the session's client");
    }
    ChatSession session =
        sessions.findSession(sessionId)
            .filter(found -> principal.clientKey() == null || principal.clientKey().equals(found.clientKey()))
            .orElseThrow(() -> new NotFoundException("there is no chat session '" + sessionId + "'"));
    return sessions.turns(sessionId, Math.max(1, session.turnCount()));
  }

  @Override
  public List<ChatTurn> clientHistory(Principal principal, String clientKey, Instant since, Instant until) {
    Objects.requireNonNull(clientKey, "clientKey");
    if (!principal.hasAnyRole(Set.of(Role.OPERATOR))) {
      throw new ForbiddenException("exporting a client's chat history needs the operator or admin role");
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
    }
    NotFoundException unknown = new NotFoundException("there is no client '" + clientKey + "' with chat sessions");
    if (principal.clientKey() != null && !principal.clientKey().equals(clientKey)) {
      throw unknown;
    }
    List<ChatSession> all = sessions.sessionsOf(clientKey);
    if (all.isEmpty() && clients.find(clientKey).isEmpty()) {
      throw unknown;
    }
    List<ChatTurn> turns = new ArrayList<>();
    for (ChatSession session : all) {
      // A session started at or after the end, or last active before the start, has no turn in range.
      if (until != null && !session.createdAt().isBefore(until)
          || since != null && session.lastActiveAt().isBefore(since) || session.turnCount() == 0) {
        continue;
      }
      sessions.turns(session.id(), session.turnCount()).stream()
          .filter(turn -> (since == null || !turn.at().isBefore(since)) && (until == null || turn.at().isBefore(until)))
          .forEach(turns::add);
    }
    turns.sort(java.util.Comparator.comparing(ChatTurn::at).thenComparing(ChatTurn::sessionId)
        .thenComparingInt(ChatTurn::seq));
    return turns;
  }

  /**
   * Asks the planner until it gives something other than tool calls, running each round of calls
   * through the pipeline; after {@link #maxToolHops} rounds its next tool-call plan is returned
   * unrun, and the turn ends there.
   */
  private Plan plan(PlanningRequest request, Turn turn, StreamedText streamed) {
    while (true) {
      streamed.planStarts();
      long planStarted = System.nanoTime();
      Plan plan = planner.plan(request.withSteps(turn.steps));
      long replyMs = millisSince(planStarted);
      turn.planMs += replyMs;
      ModelUsage reply = usageOf(plan);
      if (reply != null) {
        turn.spend.add(reply);
        recordUsage(turn.clientKey, reply, replyMs);
      }
      if (!(plan instanceof Plan.CallTools planned) || turn.hops == maxToolHops) {
        return plan;
      }
      turn.hops++;
      long roundStarted = System.nanoTime();
      for (PlannedCall call : planned.calls()) {
        turn.steps.add(step(call, run(turn, turn.hops, call)));
      }
      turn.toolsNanos += System.nanoTime() - roundStarted;
      if (turn.pausedFor != null) {
        return planned;
      }
    }
  }

  /**
   * Checks the model's figures against the turn's tool calls, the question and today's date; puts
   * {@code figures_checked} and {@code ungrounded_figures} in the evidence and returns the note that
   * flags the ungrounded ones to the user, or null when every figure was found.
   */
  private static String groundingNote(String text, PlanningRequest request, Turn turn, ObjectNode evidence) {
    List<JsonNode> sources = new ArrayList<>();
    // The steps, not just this run's calls: a resumed turn's answer may use results from before its pause.
    for (ToolStep step : turn.steps) {
      sources.add(step.call().arguments());
      sources.add(step.result());
    }
    String today = LocalDate.ofInstant(request.now(), request.timeZone()).toString();
    GroundedFigures.Check check = GroundedFigures.check(text, sources, List.of(request.text(), today));
    evidence.put("figures_checked", check.checked());
    ArrayNode ungrounded = evidence.putArray("ungrounded_figures");
    check.ungrounded().forEach(ungrounded::add);
    return check.ungrounded().isEmpty() ? null : Narrator.ungrounded(check.ungrounded());
  }

  private String answer(Plan.Query plan, Turn turn, ClientProfile client, ObjectNode evidence) {
    evidence.set("range", Evidence.range(plan.range(), plan.rangeLabel()));
    evidence.put("range_defaulted", plan.rangeDefaulted());
    if (plan.comparison() != null) {
      evidence.set("comparison_range", Evidence.range(plan.comparison(), plan.comparisonLabel()));
    }
    if (plan.metric() != null) {
      evidence.put("metric", plan.metric().wireName());
      evidence.put("limit", plan.limit());
    }
    Call current = run(turn, 0, new PlannedCall(null, plan.tool(), reportArguments(turn.clientKey, plan.range())));
    if (!current.outcome().isSuccess()) {
      return Narrator.failure(plan, current.outcome());
    }
    Figures now = Figures.of(plan.subject(), resultOf(succeeded(current.outcome())));
    Narrator.Told told;
    if (plan.kind() == Plan.Kind.COMPARISON) {
      Call earlier =
          run(turn, 0, new PlannedCall(null, plan.tool(), reportArguments(turn.clientKey, plan.comparison())));
      if (!earlier.outcome().isSuccess()) {
        return Narrator.failure(plan, earlier.outcome());
      }
      Figures before = Figures.of(plan.subject(), resultOf(succeeded(earlier.outcome())));
      told = Narrator.comparison(plan, now, before, client.timeZone());
    } else if (plan.kind() == Plan.Kind.TOP) {
      told = Narrator.top(plan, now, client.timeZone());
    } else {
      told = Narrator.summary(plan, now, client.timeZone());
    }
    evidence.set("statistics", told.statistics());
    evidence.put("currency", now.currency().getCurrencyCode());
    return told.text();
  }

  private static ObjectNode reportArguments(String clientKey, DateRange range) {
    ObjectNode arguments = Json.object();
    arguments.put("client_key", clientKey);
    arguments.put("start", range.start().toString());
    arguments.put("end", range.endInclusive().toString());
    return arguments;
  }

  /**
   * Runs one call through the guarded pipeline as the turn's principal. A tool with side effects
   * gets an idempotency key made of the turn and the call's index, so the same call of the same
   * turn (retried, or resumed after an approval) never runs twice.
   */
  private Call run(Turn turn, int hop, PlannedCall planned) {
    int index = turn.firstIndex + turn.made.size();
    boolean sideEffects =
        turn.tools.stream()
            .filter(tool -> tool.name().equals(planned.tool()))
            .anyMatch(tool -> tool.annotations().hasSideEffects());
    String idempotencyKey = sideEffects ? "chat-" + turn.id + "-" + index : null;
    Instant at = clock.instant();
    long started = System.nanoTime();
    turn.events.toolCall(planned.id(), planned.tool(), planned.arguments());
    ToolOutcome outcome =
        calls.call(
            new CallToolCommand(turn.principal, planned.tool(), planned.arguments(), idempotencyKey, turn.requestId));
    if (outcome.kind() == ToolOutcome.Kind.APPROVAL_REQUIRED) {
      String approvalId = ((ToolOutcome.ApprovalRequired) outcome).approvalId();
      turn.events.approvalRequired(planned.id(), planned.tool(), approvalId);
      if (hop > 0 && turn.pausedFor == null) {
        // A planned call waits for an approver: the turn pauses after this round (see resume).
        turn.pausedFor = approvalId;
        turn.pausedCallId = planned.id();
        turn.pausedTool = planned.tool();
      }
    }
    turn.events.toolResult(planned.id(), planned.tool(), outcome.code(), outcome.isSuccess());
    Call call =
        new Call(index, hop, planned.id(), planned.tool(), planned.arguments(), outcome, millisSince(started), at);
    turn.made.add(call);
    return call;
  }

  private static ToolStep step(PlannedCall planned, Call call) {
    return new ToolStep(planned, call.outcome().code(), logResult(call.outcome()), call.hop());
  }

  /**
   * The client's default model when it is still configured; otherwise null (the gateway's default),
   * since models may have been reconfigured after the client was saved: a stale default should not
   * stop the client's chat.
   */
  private String clientDefaultModel(ClientProfile client) {
    if (client.defaultModel() == null) {
      return null;
    }
    Optional<String> chosen = ModelChoice.resolve(client.defaultModel(), planner.models());
    if (chosen.isEmpty()) {
      log.warn("client {} has default model '{}', which is not configured; using the gateway's default",
          client.clientKey(), client.defaultModel());
    }
    return chosen.orElse(null);
  }

  private static ModelUsage usageOf(Plan plan) {
    if (plan instanceof Plan.CallTools calls) {
      return calls.usage();
    }
    return plan instanceof Plan.Answer answer ? answer.usage() : null;
  }

  /** One usage row per model reply, so tokens and cost add up per client, model and day. */
  private void recordUsage(String clientKey, ModelUsage reply, long latencyMs) {
    try {
      usage.record(
          new UsageEvent(
              LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), clientKey,
              "llm:" + reply.provider() + "/" + reply.model(), false, latencyMs,
              reply.inputTokens(), reply.outputTokens(), reply.costUsd()));
    } catch (PortException e) {
      // Counters are not worth failing an answer the model has already given.
      log.warn("could not count model usage of {}/{} for client {}", reply.provider(), reply.model(), clientKey, e);
    }
  }

  private void persist(
      ChatCommand command,
      String sessionId,
      boolean existed,
      String turnId,
      String question,
      String answer,
      String intent,
      JsonNode evidence,
      List<Call> made) {
    for (Call call : made) {
      sessions.appendToolLog(
          new ToolLog(
              command.requestId(), call.index(), sessionId, turnId, command.clientKey(), call.tool(), call.arguments(),
              call.outcome().code(), call.outcome().isSuccess() && succeeded(call.outcome()).cacheHit(),
              call.latencyMs(), call.at(), logResult(call.outcome())));
    }
    Instant at = clock.instant();
    if (!existed) {
      try {
        sessions.createSession(ChatSession.start(sessionId, command.clientKey(), at));
      } catch (ConflictException e) {
        // Started by a concurrent first question with the same caller-chosen id; check it is ours.
        ChatSession raced = sessions.findSession(sessionId).orElseThrow(() -> e);
        if (!raced.clientKey().equals(command.clientKey())) {
          throw new ConflictException("session '" + sessionId + "' was just started for another client");
        }
      }
    }
    for (int attempt = 1; ; attempt++) {
      int seq = sessions.findSession(sessionId).map(ChatSession::turnCount).orElse(0) + 1;
      try {
        sessions.appendTurn(
            new ChatTurn(
                turnId, sessionId, seq, command.requestId(), command.principal().keyId(), at, question, answer,
                intent, evidence));
        return;
      } catch (ConflictException e) {
        // Another question in the same session took this seq first; the next one is free.
        if (attempt == APPEND_ATTEMPTS) {
          throw e;
        }
        log.debug("turn seq {} of session {} was taken; retrying", seq, sessionId);
      }
    }
  }

  /** What a tool log and a planner's step keep of an outcome: the result, or the error's code and message. */
  static JsonNode logResult(ToolOutcome outcome) {
    if (outcome.isSuccess()) {
      return resultOf(succeeded(outcome));
    }
    ObjectNode error = Json.object();
    error.put("code", outcome.code());
    error.put("message", outcome.message());
    return error;
  }

  private static boolean sampleData(Call call) {
    return call.outcome().isSuccess()
        && resultOf(succeeded(call.outcome())).path("provenance").path("sample_data").asBoolean(false);
  }

  private static ToolOutcome.Succeeded succeeded(ToolOutcome outcome) {
    return (ToolOutcome.Succeeded) outcome;
  }

  /** A successful call's JSON result: the one place this class reads it. */
  private static JsonNode resultOf(ToolOutcome.Succeeded success) {
    // A tool that returns content blocks only (an upstream MCP tool) is read in MCP's wire form.
    JsonNode structured = success.result().structured();
    return structured != null ? structured : success.result().toJson();
  }

  /** The principal as it acts for {@code clientKey}: its tool calls count, cache and audit under that client. */
  private static Principal scoped(Principal principal, String clientKey) {
    return principal.clientKey() != null
        ? principal
        : new Principal(
            principal.keyId(), principal.name(), principal.roles(), clientKey, principal.allowTools(),
            principal.denyTools(), principal.rateLimit());
  }

  private String randomId(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  /** The turn's listener, noting whether the planner streamed text since it was last asked to plan. */
  private static final class StreamedText implements ChatEvents {
    private final ChatEvents listener;
    private boolean sinceLastPlan;

    StreamedText(ChatEvents listener) {
      this.listener = listener;
    }

    void planStarts() {
      sinceLastPlan = false;
    }

    boolean sinceLastPlan() {
      return sinceLastPlan;
    }

    @Override
    public void text(String delta) {
      sinceLastPlan = true;
      listener.text(delta);
    }
  }

  private static long millisSince(long nanoTime) {
    return Math.max(0, (System.nanoTime() - nanoTime) / 1_000_000);
  }
}
