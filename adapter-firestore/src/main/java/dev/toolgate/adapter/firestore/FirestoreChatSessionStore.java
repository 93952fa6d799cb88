package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chat state in seed 000's collections: {@code sessions/{session_id}}, {@code turns/{turn_id}} and
 * {@code tool_logs} (id: digest of request id and index, which makes a second log of the same call a
 * conflict). Appending a turn is an optimistic transaction (see {@link FirestoreDatabase}): the turn
 * is created and the session's count moved in one commit, on condition that the session is
 * unchanged since it was read; so of concurrent appenders with the same seq exactly one succeeds,
 * and the others, reading again, find the seq taken.
 */
final class FirestoreChatSessionStore implements ChatSessionStore {
  private final FirestoreDatabase db;

  FirestoreChatSessionStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void createSession(ChatSession session) {
    Objects.requireNonNull(session, "session");
    Map<String, Object> fields = new HashMap<>();
    fields.put("session_id", session.id());
    fields.put("client_key", session.clientKey());
    fields.put("created_at", Fields.timestamp(session.createdAt()));
    fields.put("last_active_at", Fields.timestamp(session.lastActiveAt()));
    fields.put("turn_count", session.turnCount());
    try {
      db.await(session(session.id()).create(fields), "creating chat session '" + session.id() + "'");
    } catch (ConflictException e) {
      throw new ConflictException("a chat session with id '" + session.id() + "' already exists");
    }
  }

  @Override
  public Optional<ChatSession> findSession(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    DocumentSnapshot document = db.await(session(sessionId).get(), "reading chat session '" + sessionId + "'");
    return document.exists() ? Optional.of(Fields.read(document, FirestoreChatSessionStore::session)) : Optional.empty();
  }

  @Override
  public void appendTurn(ChatTurn turn) {
    Objects.requireNonNull(turn, "turn");
    DocumentReference sessionReference = session(turn.sessionId());
    DocumentReference turnReference = db.collection(CollectionNames.TURNS).document(turn.id());
    String what = "appending turn '" + turn.id() + "' to chat session '" + turn.sessionId() + "'";
    db.optimistically(
        what,
        () -> {
          List<DocumentSnapshot> read = db.await(db.getAll(sessionReference, turnReference), what);
          DocumentSnapshot sessionDocument = read.get(0);
          if (!sessionDocument.exists()) {
            throw new NotFoundException("no chat session with id '" + turn.sessionId() + "'");
          }
          ChatSession session = Fields.read(sessionDocument, FirestoreChatSessionStore::session);
          if (turn.seq() != session.turnCount() + 1) {
            throw new ConflictException(
                "chat session '" + session.id() + "' has " + session.turnCount() + " turns; the next is "
                    + (session.turnCount() + 1) + ", not " + turn.seq());
          }
          if (read.get(1).exists()) {
            throw new ConflictException("a turn with id '" + turn.id() + "' already exists");
          }
          Instant lastActive = turn.at().isAfter(session.lastActiveAt()) ? turn.at() : session.lastActiveAt();
          WriteBatch batch = db.batch();
          batch.create(turnReference, fields(turn));
          batch.update(
              sessionReference,
              Map.of("turn_count", turn.seq(), "last_active_at", Fields.timestamp(lastActive)),
              FirestoreDatabase.unchangedSince(sessionDocument));
          db.commitIfUnchanged(batch, what);
          return null;
        });
  }

  @Override
  public List<ChatTurn> turns(String sessionId, int limit) {
    Objects.requireNonNull(sessionId, "sessionId");
    ChatSessionStore.requireTurnLimit(limit);
    List<ChatTurn> newestFirst =
        Queries.all(
                db,
                db.collection(CollectionNames.TURNS)
                    .whereEqualTo("session_id", sessionId)
                    .orderBy("seq", Query.Direction.DESCENDING)
                    .limit(limit),
                "reading the turns of chat session '" + sessionId + "'")
            .stream()
            .map(document -> Fields.read(document, FirestoreChatSessionStore::turn))
            .toList();
    List<ChatTurn> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return List.copyOf(oldestFirst);
  }

  @Override
  public void appendToolLog(ToolLog log) {
    Objects.requireNonNull(log, "log");
    Map<String, Object> fields = new HashMap<>();
    fields.put("request_id", log.requestId());
    fields.put("index", log.index());
    fields.put("session_id", log.sessionId());
    fields.put("turn_id", log.turnId());
    fields.put("client_key", log.clientKey());
    fields.put("tool", log.tool());
    fields.put("arguments", Fields.json(log.arguments()));
    fields.put("outcome", log.outcome());
    fields.put("cache_hit", log.cacheHit());
    fields.put("latency_ms", log.latencyMs());
    fields.put("at", Fields.timestamp(log.at()));
    fields.put("result", Fields.json(log.result()));
    String what = "storing tool log " + log.index() + " of request '" + log.requestId() + "'";
    try {
      db.await(
          db.collection(CollectionNames.TOOL_LOGS)
              .document(DocIds.hashed(log.requestId(), Integer.toString(log.index())))
              .create(fields),
          what);
    } catch (ConflictException e) {
      throw new ConflictException(
          "tool log " + log.index() + " of request '" + log.requestId() + "' already exists");
    }
  }

  @Override
  public List<ToolLog> toolLogs(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    return Queries.all(
            db,
            db.collection(CollectionNames.TOOL_LOGS).whereEqualTo("request_id", requestId),
            "reading the tool logs of request '" + requestId + "'")
        .stream()
        .map(document -> Fields.read(document, FirestoreChatSessionStore::toolLog))
        .sorted(Comparator.comparingInt(ToolLog::index))
        .toList();
  }

  @Override
  public List<ChatTurn> pausedTurns(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    ChatSessionStore.requireTurnLimit(limit);
    // Ordered by time only; turns of one millisecond are put in id order here (the limit may cut
    // between them, which the next scan, from the last one's time, makes good).
    return Queries.all(
            db,
            db.collection(CollectionNames.TURNS)
                .whereEqualTo("intent", ChatTurn.AWAITING_APPROVAL)
                .whereGreaterThanOrEqualTo("at", Fields.timestamp(since))
                .orderBy("at")
                .limit(limit),
            "reading the chat turns paused for an approval since " + since)
        .stream()
        .map(document -> Fields.read(document, FirestoreChatSessionStore::turn))
        .sorted(Comparator.comparing(ChatTurn::at).thenComparing(ChatTurn::id))
        .toList();
  }

  @Override
  public List<ChatSession> sessionsOf(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    // An equality filter alone needs no composite index; the order is made here.
    return Queries.all(
            db,
            db.collection(CollectionNames.SESSIONS).whereEqualTo("client_key", clientKey),
            "reading the chat sessions of client '" + clientKey + "'")
        .stream()
        .map(document -> Fields.read(document, FirestoreChatSessionStore::session))
        .sorted(Comparator.comparing(ChatSession::createdAt).thenComparing(ChatSession::id))
        .toList();
  }

  private DocumentReference session(String id) {
    return db.collection(CollectionNames.SESSIONS).document(DocIds.natural(id));
  }

  private static Map<String, Object> fields(ChatTurn turn) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("turn_id", turn.id());
    fields.put("session_id", turn.sessionId());
    fields.put("seq", turn.seq());
    fields.put("request_id", turn.requestId());
    fields.put("key_id", turn.keyId());
    fields.put("at", Fields.timestamp(turn.at()));
    fields.put("question", turn.question());
    fields.put("answer", turn.answer());
    fields.put("intent", turn.intent());
    fields.put("evidence", Fields.json(turn.evidence()));
    return fields;
  }

  private static ChatSession session(DocumentSnapshot d) {
    return new ChatSession(
        Fields.requiredText(d, "session_id"),
        Fields.requiredText(d, "client_key"),
        Fields.requiredInstant(d, "created_at"),
        Fields.requiredInstant(d, "last_active_at"),
        Math.toIntExact(Fields.number(d, "turn_count")));
  }

  private static ChatTurn turn(DocumentSnapshot d) {
    return new ChatTurn(
        Fields.requiredText(d, "turn_id"),
        Fields.requiredText(d, "session_id"),
        Math.toIntExact(Fields.number(d, "seq")),
        Fields.requiredText(d, "request_id"),
        Fields.requiredText(d, "key_id"),
        Fields.requiredInstant(d, "at"),
        Fields.requiredText(d, "question"),
        Fields.requiredText(d, "answer"),
        Fields.requiredText(d, "intent"),
        Fields.json(d, "evidence"));
  }

  private static ToolLog toolLog(DocumentSnapshot d) {
    return new ToolLog(
        Fields.requiredText(d, "request_id"),
        Math.toIntExact(Fields.number(d, "index")),
        Fields.requiredText(d, "session_id"),
        Fields.requiredText(d, "turn_id"),
        Fields.requiredText(d, "client_key"),
        Fields.requiredText(d, "tool"),
        Fields.json(d, "arguments"),
        Fields.requiredText(d, "outcome"),
        Fields.flag(d, "cache_hit"),
        Fields.number(d, "latency_ms"),
        Fields.requiredInstant(d, "at"),
        Fields.json(d, "result"));
  }
}
