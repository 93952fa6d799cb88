package dev.toolgate.ports.testing;

import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ChatSessionStore} in maps, for tests. Every operation holds the instance lock, which makes
 * {@link #appendTurn} atomic. JSON trees are copied in and out, as a real store would serialise them.
 */
public final class InMemoryChatSessionStore implements ChatSessionStore {
  private final Map<String, ChatSession> sessions = new HashMap<>();
  private final Map<String, List<ChatTurn>> turns = new HashMap<>();
  private final Set<String> turnIds = new HashSet<>();
  private final Map<String, List<ToolLog>> logs = new HashMap<>();

  @Override
  public synchronized void createSession(ChatSession session) {
    Objects.requireNonNull(session, "session");
    if (sessions.containsKey(session.id())) {
      throw new ConflictException("session '" + session.id() + "' already exists");
    }
    sessions.put(session.id(), session);
  }

  @Override
  public synchronized Optional<ChatSession> findSession(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return Optional.ofNullable(sessions.get(sessionId));
  }

  @Override
  public synchronized void appendTurn(ChatTurn turn) {
    Objects.requireNonNull(turn, "turn");
    ChatSession session = sessions.get(turn.sessionId());
    if (session == null) {
      throw new NotFoundException("session '" + turn.sessionId() + "' does not exist");
    }
    if (turn.seq() != session.turnCount() + 1) {
      throw new ConflictException(
          "session '" + session.id() + "' has " + session.turnCount() + " turns; turn seq " + turn.seq() + " is taken or skips ahead");
    }
    if (!turnIds.add(turn.id())) {
      throw new ConflictException("turn '" + turn.id() + "' already exists");
    }
    turns.computeIfAbsent(session.id(), id -> new ArrayList<>()).add(copy(turn));
    Instant lastActive = turn.at().isAfter(session.lastActiveAt()) ? turn.at() : session.lastActiveAt();
    sessions.put(
        session.id(), new ChatSession(session.id(), session.clientKey(), session.createdAt(), lastActive, turn.seq()));
  }

  @Override
  public synchronized List<ChatTurn> turns(String sessionId, int limit) {
    Objects.requireNonNull(sessionId, "sessionId");
    ChatSessionStore.requireTurnLimit(limit);
    List<ChatTurn> all = turns.getOrDefault(sessionId, List.of());
    return all.subList(Math.max(0, all.size() - limit), all.size()).stream()
        .sorted(Comparator.comparingInt(ChatTurn::seq))
        .map(InMemoryChatSessionStore::copy)
        .toList();
  }

  @Override
  public synchronized void appendToolLog(ToolLog log) {
    Objects.requireNonNull(log, "log");
    List<ToolLog> ofRequest = logs.computeIfAbsent(log.requestId(), id -> new ArrayList<>());
    if (ofRequest.stream().anyMatch(existing -> existing.index() == log.index())) {
      throw new ConflictException(
          "tool log " + log.index() + " of request '" + log.requestId() + "' already exists");
    }
    ofRequest.add(copy(log));
  }

  @Override
  public synchronized List<ToolLog> toolLogs(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return logs.getOrDefault(requestId, List.of()).stream()
        .sorted(Comparator.comparingInt(ToolLog::index))
        .map(InMemoryChatSessionStore::copy)
        .toList();
  }

  @Override
  public synchronized List<ChatTurn> pausedTurns(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    ChatSessionStore.requireTurnLimit(limit);
    return turns.values().stream()
        .flatMap(List::stream)
        .filter(turn -> turn.intent().equals(ChatTurn.AWAITING_APPROVAL) && !turn.at().isBefore(since))
        .sorted(Comparator.comparing(ChatTurn::at).thenComparing(ChatTurn::id))
        .limit(limit)
        .map(InMemoryChatSessionStore::copy)
        .toList();
  }

  @Override
  public synchronized List<ChatSession> sessionsOf(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return sessions.values().stream()
        .filter(session -> session.clientKey().equals(clientKey))
        .sorted(Comparator.comparing(ChatSession::createdAt).thenComparing(ChatSession::id))
        .toList();
  }

  private static ChatTurn copy(ChatTurn t) {
    return new ChatTurn(
        t.id(), t.sessionId(), t.seq(), t.requestId(), t.keyId(), t.at(), t.question(), t.answer(), t.intent(),
        t.evidence().deepCopy());
  }

  private static ToolLog copy(ToolLog l) {
    return new ToolLog(
        l.requestId(), l.index(), l.sessionId(), l.turnId(), l.clientKey(), l.tool(), l.arguments().deepCopy(),
        l.outcome(), l.cacheHit(), l.latencyMs(), l.at(), l.result().deepCopy());
  }
}
