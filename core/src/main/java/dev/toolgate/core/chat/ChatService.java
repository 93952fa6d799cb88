package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.CallToolUseCase;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.chat.ToolLog;
import dev.toolgate.ports.marketing.DateRange;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat orchestrator of ARCHITECTURE.md §4: question → plan → tool calls through the guarded
 * pipeline → answer with evidence → session, turn and tool logs stored.
 */
public final class ChatService implements ChatUseCase {
  /** The longest question taken. */
  public static final int MAX_TEXT = 2000;

  static final String CAMPAIGN_TOOL = "campaign_performance";
  static final String FLOW_TOOL = "flow_performance";

  private static final Logger log = LoggerFactory.getLogger(ChatService.class);
  private static final int HISTORY = 5;
  private static final int APPEND_ATTEMPTS = 10;
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final CallToolUseCase calls;
  private final ClientProfileStore clients;
  private final ChatSessionStore sessions;
  private final Planner planner;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ChatService(
      CallToolUseCase calls, ClientProfileStore clients, ChatSessionStore sessions, Planner planner, Clock clock) {
    this.calls = Objects.requireNonNull(calls, "calls");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One tool call made for the turn, as it went. */
  private record Call(int index, String tool, ObjectNode arguments, ToolOutcome outcome, long latencyMs, Instant at) {}

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
    if (profile.isEmpty()) {
      return new ChatOutcome.Refused("unknown_client", "there is no client '" + clientKey + "'");
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

    ClientProfile client = profile.get();
    Instant now = clock.instant();
    long planStarted = System.nanoTime();
    Plan plan = planner.plan(new PlanningRequest(text, now, client.timeZone(), history));
    long planMs = millisSince(planStarted);

    String turnId = "trn_" + randomId(20);
    ObjectNode evidence = Json.object();
    evidence.put("intent", plan.intent());
    evidence.put("client_key", clientKey);
    evidence.put("time_zone", client.timeZone().getId());
    evidence.put("week_starts", "monday");
    evidence.put("planner", planner.getClass().getSimpleName());

    List<Call> made = new ArrayList<>();
    long toolsStarted = System.nanoTime();
    String answer;
    if (plan instanceof Plan.Query query) {
      answer = answer(query, scoped(principal, clientKey), clientKey, client, command.requestId(), made, evidence);
    } else {
      Plan.Help help = (Plan.Help) plan;
      answer = Narrator.help(help.reason());
      if (help.reason() != null) {
        evidence.put("reason", help.reason());
      }
    }
    long toolsMs = millisSince(toolsStarted);

    ArrayNode toolCalls = evidence.putArray("tool_calls");
    made.forEach(call -> toolCalls.add(Evidence.toolCall(call.tool(), call.arguments(), call.outcome(), call.latencyMs())));
    boolean sample = made.stream().anyMatch(ChatService::sampleData);
    evidence.put("sample_data", sample);
    ObjectNode timings = evidence.putObject("timings");
    timings.put("plan_ms", planMs);
    timings.put("tools_ms", toolsMs);
    timings.put("total_ms", millisSince(started));
    evidence.put("request_id", command.requestId());
    evidence.put("session_id", sessionId);
    evidence.put("turn_id", turnId);

    persist(command, sessionId, existing.isPresent(), turnId, text, answer, plan.intent(), evidence, made);
    return new ChatOutcome.Answered(
        new ChatAnswer(sessionId, turnId, command.requestId(), plan.intent(), answer, evidence, sample));
  }

  private String answer(
      Plan.Query plan,
      Principal principal,
      String clientKey,
      ClientProfile client,
      String requestId,
      List<Call> made,
      ObjectNode evidence) {
    evidence.set("range", Evidence.range(plan.range(), plan.rangeLabel()));
    evidence.put("range_defaulted", plan.rangeDefaulted());
    if (plan.comparison() != null) {
      evidence.set("comparison_range", Evidence.range(plan.comparison(), null));
    }
    if (plan.metric() != null) {
      evidence.put("metric", plan.metric().wireName());
      evidence.put("limit", plan.limit());
    }
    String tool = plan.subject() == Plan.Subject.CAMPAIGNS ? CAMPAIGN_TOOL : FLOW_TOOL;
    Call current = call(principal, tool, clientKey, plan.range(), requestId, made);
    if (!current.outcome().isSuccess()) {
      return Narrator.failure(plan, current.outcome());
    }
    Figures now = Figures.of(plan.subject(), ((ToolOutcome.Succeeded) current.outcome()).result().structured());
    Narrator.Told told;
    if (plan.kind() == Plan.Kind.COMPARISON) {
      Call earlier = call(principal, tool, clientKey, plan.comparison(), requestId, made);
      if (!earlier.outcome().isSuccess()) {
        return Narrator.failure(plan, earlier.outcome());
      }
      Figures before = Figures.of(plan.subject(), ((ToolOutcome.Succeeded) earlier.outcome()).result().structured());
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

  private Call call(
      Principal principal, String tool, String clientKey, DateRange range, String requestId, List<Call> made) {
    ObjectNode arguments = Json.object();
    arguments.put("client_key", clientKey);
    arguments.put("start", range.start().toString());
    arguments.put("end", range.endInclusive().toString());
    Instant at = clock.instant();
    long started = System.nanoTime();
    ToolOutcome outcome = calls.call(new CallToolCommand(principal, tool, arguments, null, requestId));
    Call call = new Call(made.size(), tool, arguments, outcome, millisSince(started), at);
    made.add(call);
    return call;
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
              call.outcome().code(), call.outcome() instanceof ToolOutcome.Succeeded s && s.cacheHit(),
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

  private static JsonNode logResult(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded s) {
      return s.result().structured();
    }
    ObjectNode error = Json.object();
    error.put("code", outcome.code());
    error.put("message", outcome.message());
    return error;
  }

  private static boolean sampleData(Call call) {
    return call.outcome() instanceof ToolOutcome.Succeeded s
        && s.result().structured().path("provenance").path("sample_data").asBoolean(false);
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

  private static long millisSince(long nanoTime) {
    return Math.max(0, (System.nanoTime() - nanoTime) / 1_000_000);
  }
}
