package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Chat sessions, turns and tool logs in tables {@code chat_sessions}, {@code chat_turns} and {@code tool_logs}. */
final class SqliteChatSessionStore implements ChatSessionStore {
  private static final String SESSION_COLUMNS = "id, client_key, created_at, last_active_at, turn_count";
  private static final String TURN_COLUMNS =
      "id, session_id, seq, request_id, key_id, at, question, answer, intent, evidence";
  private static final String LOG_COLUMNS =
      "request_id, idx, session_id, turn_id, client_key, tool, arguments, outcome, cache_hit, latency_ms, at, result";

  private final SqliteDatabase database;

  SqliteChatSessionStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void createSession(ChatSession session) {
    Objects.requireNonNull(session, "session");
    database.update(
        connection -> {
          int inserted =
              Sql.update(
                  connection,
                  "INSERT INTO chat_sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO NOTHING",
                  session.id(),
                  session.clientKey(),
                  Sql.millis(session.createdAt()),
                  Sql.millis(session.lastActiveAt()),
                  session.turnCount());
          if (inserted == 0) {
            throw new ConflictException("a chat session with id '" + session.id() + "' already exists");
          }
        });
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT " + SESSION_COLUMNS + " FROM chat_sessions WHERE id = ?",
                SqliteChatSessionStore::session,
                sessionId));
  }

  @Override
  public void appendTurn(ChatTurn turn) {
    Objects.requireNonNull(turn, "turn");
    database.update(
        connection -> {
          ChatSession session =
              Sql.queryOne(
                      connection,
                      "SELECT " + SESSION_COLUMNS + " FROM chat_sessions WHERE id = ?",
                      SqliteChatSessionStore::session,
                      turn.sessionId())
                  .orElseThrow(
                      () -> new NotFoundException("chat session '" + turn.sessionId() + "' does not exist"));
          if (turn.seq() != session.turnCount() + 1) {
            throw new ConflictException(
                "chat session '" + session.id() + "' has " + session.turnCount() + " turns; turn seq "
                    + turn.seq() + " is taken or skips ahead");
          }
          int inserted =
              Sql.update(
                  connection,
                  "INSERT INTO chat_turns (" + TURN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  turn.id(),
                  turn.sessionId(),
                  turn.seq(),
                  turn.requestId(),
                  turn.keyId(),
                  Sql.millis(turn.at()),
                  turn.question(),
                  turn.answer(),
                  turn.intent(),
                  Sql.json(turn.evidence()));
          if (inserted == 0) {
            throw new ConflictException("a chat turn with id '" + turn.id() + "' already exists");
          }
          Sql.update(
              connection,
              "UPDATE chat_sessions SET turn_count = ?, last_active_at = max(last_active_at, ?) WHERE id = ?",
              turn.seq(),
              Sql.millis(turn.at()),
              session.id());
        });
  }

  @Override
  public List<ChatTurn> turns(String sessionId, int limit) {
    Objects.requireNonNull(sessionId, "sessionId");
    ChatSessionStore.requireTurnLimit(limit);
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT * FROM (SELECT " + TURN_COLUMNS + " FROM chat_turns WHERE session_id = ?"
                    + " ORDER BY seq DESC LIMIT ?) ORDER BY seq",
                SqliteChatSessionStore::turn,
                sessionId,
                limit));
  }

  @Override
  public void appendToolLog(ToolLog log) {
    Objects.requireNonNull(log, "log");
    database.update(
        connection -> {
          int inserted =
              Sql.update(
                  connection,
                  "INSERT INTO tool_logs (" + LOG_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  log.requestId(),
                  log.index(),
                  log.sessionId(),
                  log.turnId(),
                  log.clientKey(),
                  log.tool(),
                  Sql.json(log.arguments()),
                  log.outcome(),
                  log.cacheHit() ? 1 : 0,
                  log.latencyMs(),
                  Sql.millis(log.at()),
                  Sql.json(log.result()));
          if (inserted == 0) {
            throw new ConflictException(
                "tool log " + log.index() + " of request '" + log.requestId() + "' already exists");
          }
        });
  }

  @Override
  public List<ToolLog> toolLogs(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + LOG_COLUMNS + " FROM tool_logs WHERE request_id = ? ORDER BY idx",
                SqliteChatSessionStore::toolLog,
                requestId));
  }

  @Override
  public List<ChatTurn> pausedTurns(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    ChatSessionStore.requireTurnLimit(limit);
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + TURN_COLUMNS + " FROM chat_turns WHERE intent = ? AND at >= ? ORDER BY at, id LIMIT ?",
                SqliteChatSessionStore::turn,
                ChatTurn.AWAITING_APPROVAL,
                Sql.millis(since),
                limit));
  }

  @Override
  public List<ChatSession> sessionsOf(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + SESSION_COLUMNS + " FROM chat_sessions WHERE client_key = ? ORDER BY created_at, id",
                SqliteChatSessionStore::session,
                clientKey));
  }

  private static ChatSession session(ResultSet row) throws SQLException {
    return new ChatSession(
        row.getString("id"),
        row.getString("client_key"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "last_active_at"),
        row.getInt("turn_count"));
  }

  private static ChatTurn turn(ResultSet row) throws SQLException {
    return new ChatTurn(
        row.getString("id"),
        row.getString("session_id"),
        row.getInt("seq"),
        row.getString("request_id"),
        row.getString("key_id"),
        Sql.instant(row, "at"),
        row.getString("question"),
        row.getString("answer"),
        row.getString("intent"),
        Sql.json(row, "evidence"));
  }

  private static ToolLog toolLog(ResultSet row) throws SQLException {
    return new ToolLog(
        row.getString("request_id"),
        row.getInt("idx"),
        row.getString("session_id"),
        row.getString("turn_id"),
        row.getString("client_key"),
        row.getString("tool"),
        Sql.json(row, "arguments"),
        row.getString("outcome"),
        row.getInt("cache_hit") != 0,
        row.getLong("latency_ms"),
        Sql.instant(row, "at"),
        Sql.json(row, "result"));
  }
}
