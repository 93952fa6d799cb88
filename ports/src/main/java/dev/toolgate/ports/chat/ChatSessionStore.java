package dev.toolgate.ports.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores chat sessions, their turns, and the tool calls made for each turn (seed 000's
 * {@code sessions}, {@code turns} and {@code tool_logs}). Thread-safe; everything survives restarts.
 * Arguments are never null. Stored JSON comes back equal (as trees) to what was stored; instants
 * with millisecond precision.
 */
public interface ChatSessionStore {
  /**
   * Stores a new session. Throws {@link dev.toolgate.ports.ConflictException} if a session with its
   * id exists.
   */
  void createSession(ChatSession session);

  /** The session with this id, with its current {@code lastActiveAt} and {@code turnCount}; or empty. */
  Optional<ChatSession> findSession(String sessionId);

  /**
   * Atomically appends a turn to its session: the session's {@code turnCount} becomes
   * {@code turn.seq()} and its {@code lastActiveAt} the later of itself and {@code turn.at()}.
   * Throws {@link dev.toolgate.ports.NotFoundException} if the session does not exist, and
   * {@link dev.toolgate.ports.ConflictException} (changing nothing) unless {@code turn.seq()} is the
   * session's {@code turnCount + 1} and the turn id is new. So of concurrent appenders with the same
   * seq exactly one succeeds; the others re-read the session and try the next seq.
   */
  void appendTurn(ChatTurn turn);

  /**
   * The session's newest {@code limit} (≥ 1) turns, oldest first (by seq); empty if the session has
   * none or does not exist.
   */
  List<ChatTurn> turns(String sessionId, int limit);

  /**
   * Stores a tool log. Throws {@link dev.toolgate.ports.ConflictException} if one with the same
   * {@code requestId} and {@code index} exists. The session need not exist (yet): logs are written
   * before their turn.
   */
  void appendToolLog(ToolLog log);

  /** The tool logs of one request, by index; empty if none. */
  List<ToolLog> toolLogs(String requestId);

  /**
   * Turns that paused for an approval (intent {@link ChatTurn#AWAITING_APPROVAL}) appended at or
   * after {@code since}, oldest first (by {@code at}, then id), at most {@code limit} (≥ 1). A
   * paused turn stays one after it was resumed (the resumed answer is a new turn): the caller tells
   * the two apart. What the chat's recovery scans for turns whose approval was decided while no one
   * resumed them.
   */
  List<ChatTurn> pausedTurns(Instant since, int limit);

  /** Every session of one client, oldest first (by {@code createdAt}, then id); empty if none. */
  List<ChatSession> sessionsOf(String clientKey);

  /** Every store refuses a page size below one the same way: returns {@code limit} when it is at least 1. */
  static int requireTurnLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("turn limit must be at least 1, got " + limit);
    }
    return limit;
  }
}
