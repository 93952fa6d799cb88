package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hash-chained audit log in collection {@code audit_log}, one document per record whose id is
 * its seq zero-padded to 20 digits (so id order is seq order).
 *
 * <p>How the chain stays gapless with writers on several gateway instances: the head of the chain
 * (last seq and hash) is one document, {@code toolgate_meta/audit_head}. An append is an optimistic
 * transaction (see {@link FirestoreDatabase}): it reads the head, chains the entry to it, and
 * commits the record's new document together with the moved head, on condition that the head is
 * unchanged since it was read (and that no record with that seq exists). Of concurrent appenders
 * exactly one commits each seq; the others read the new head and chain to it. The head is therefore
 * a deliberate serialization point, the price of one verifiable order. To move it less often, the
 * appends that arrive on one instance while a commit is in flight are chained and committed together
 * ({@link GroupCommit}): the head moves once per batch, not once per record, and each caller returns
 * when its batch is durable. See ADR 0012 and the README.
 *
 * <p>Records are stored as chained and read back without re-hashing, so an edited document shows
 * up as {@link AuditRecord#hashValid()} false.
 */
final class FirestoreAuditLog implements AuditLog {
  static final String HEAD = "audit_head";

  /**
   * Records per commit at most: a Firestore commit takes up to 500 writes, and a batch is that many
   * record documents plus the head.
   */
  static final int MAX_BATCH = 400;

  private final FirestoreDatabase db;
  private final GroupCommit<AuditEntry, AuditRecord> appends = new GroupCommit<>(MAX_BATCH, this::commit);
  private final LongAdder headMoves = new LongAdder();

  FirestoreAuditLog(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return appends.submit(asReadBack(entry));
  }

  /** How many times this instance has moved the head (one commit per batch of appends). */
  long headMoves() {
    return headMoves.sum();
  }

  /** Chains a batch of entries after the head and commits them with the head moved once. */
  private List<AuditRecord> commit(List<AuditEntry> entries) {
    DocumentReference head = db.meta(HEAD);
    String what =
        entries.size() == 1 ? "appending to the audit log" : "appending " + entries.size() + " records to the audit log";
    List<AuditRecord> committed = db.optimistically(
        what,
        () -> {
          DocumentSnapshot current = db.await(head.get(), what);
          long lastSeq;
          String lastHash;
          if (current.exists()) {
            lastSeq = Fields.read(current, d -> Fields.number(d, "seq"));
            lastHash = Fields.read(current, d -> Fields.requiredText(d, "hash"));
          } else {
            // No head yet: an empty log, or one whose head was lost; then the newest record is the head.
            List<QueryDocumentSnapshot> newest =
                Queries.all(db, records().orderBy("seq", Query.Direction.DESCENDING).limit(1), what);
            lastSeq = newest.isEmpty() ? 0 : record(newest.get(0)).seq();
            lastHash = newest.isEmpty() ? AuditRecord.GENESIS : record(newest.get(0)).hash();
          }
          WriteBatch batch = db.batch();
          List<AuditRecord> chained = new ArrayList<>(entries.size());
          for (AuditEntry entry : entries) {
            AuditRecord record = AuditRecord.chain(lastSeq + 1, entry, lastHash);
            batch.create(records().document(id(record.seq())), fields(record));
            chained.add(record);
            lastSeq = record.seq();
            lastHash = record.hash();
          }
          Map<String, Object> moved = Map.of("seq", lastSeq, "hash", lastHash);
          if (current.exists()) {
            batch.update(head, moved, FirestoreDatabase.unchangedSince(current));
          } else {
            batch.create(head, moved);
          }
          db.commitIfUnchanged(batch, what);
          return chained;
        });
    headMoves.increment();
    return committed;
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    Query selected = records();
    selected = equal(selected, "tool", query.tool());
    selected = equal(selected, "key_id", query.keyId());
    selected = equal(selected, "client_key", query.clientKey());
    selected = equal(selected, "outcome", query.outcome());
    if (query.afterSeq() != null) {
      selected = selected.whereGreaterThan("seq", query.afterSeq());
    }
    selected = selected.orderBy("seq", query.newestFirst() ? Query.Direction.DESCENDING : Query.Direction.ASCENDING);
    // The time window is checked while reading rather than in the query: a range on "at" next to
    // equality filters and the seq order would need a composite index for every combination.
    Instant since = query.since();
    Instant until = query.until();
    return Queries.scan(
            db,
            selected,
            document -> {
              Instant at = Fields.requiredInstant(document, "at");
              return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
            },
            query.limit(),
            "reading the audit log")
        .stream()
        .map(FirestoreAuditLog::record)
        .toList();
  }

  @Override
  public Optional<AuditRecord> last() {
    List<QueryDocumentSnapshot> newest =
        Queries.all(
            db,
            records().orderBy("seq", Query.Direction.DESCENDING).limit(1),
            "reading the last audit record");
    return newest.stream().findFirst().map(FirestoreAuditLog::record);
  }

  private com.google.cloud.firestore.CollectionReference records() {
    return db.collection(CollectionNames.AUDIT);
  }

  private static Query equal(Query query, String field, String value) {
    return value == null ? query : query.whereEqualTo(field, value);
  }

  static String id(long seq) {
    return String.format(Locale.ROOT, "%020d", seq);
  }

  /**
   * The entry as it will read back from its JSON text. JSON text does not keep every number's Java
   * type (a {@code BigDecimal} 1.10 reads back as the double 1.1), and the hash must be computed over
   * what later readers will see, or an untouched record would fail verification.
   */
  private static AuditEntry asReadBack(AuditEntry entry) {
    JsonNode arguments = Json.parse(Json.write(entry.arguments()));
    JsonNode details = Json.parse(Json.write(entry.details()));
    if (Json.canonical(arguments).equals(Json.canonical(entry.arguments()))
        && Json.canonical(details).equals(Json.canonical(entry.details()))) {
      return entry;
    }
    return new AuditEntry(
        entry.at(), entry.requestId(), entry.keyId(), entry.clientKey(), entry.tool(), arguments, entry.outcome(),
        entry.code(), entry.latencyMs(), details);
  }

  private static Map<String, Object> fields(AuditRecord record) {
    AuditEntry entry = record.entry();
    Map<String, Object> fields = new HashMap<>();
    fields.put("seq", record.seq());
    fields.put("at", Fields.timestamp(entry.at()));
    fields.put("request_id", entry.requestId());
    fields.put("key_id", entry.keyId());
    fields.put("client_key", entry.clientKey());
    fields.put("tool", entry.tool());
    fields.put("arguments", Fields.json(entry.arguments()));
    fields.put("outcome", entry.outcome());
    fields.put("code", entry.code());
    fields.put("latency_ms", entry.latencyMs());
    fields.put("details", Fields.json(entry.details()));
    fields.put("prev_hash", record.prevHash());
    fields.put("hash", record.hash());
    return fields;
  }

  private static AuditRecord record(DocumentSnapshot document) {
    return Fields.read(
        document,
        d ->
            new AuditRecord(
                Fields.number(d, "seq"),
                new AuditEntry(
                    Fields.requiredInstant(d, "at"),
                    Fields.requiredText(d, "request_id"),
                    Fields.text(d, "key_id"),
                    Fields.text(d, "client_key"),
                    Fields.text(d, "tool"),
                    Fields.json(d, "arguments"),
                    Fields.requiredText(d, "outcome"),
                    Fields.text(d, "code"),
                    Fields.number(d, "latency_ms"),
                    Fields.json(d, "details")),
                Fields.requiredText(d, "prev_hash"),
                Fields.requiredText(d, "hash")));
  }

  /** Refused: retention on Firestore waits for its audit log's per-instance chains (issue 13). */
  @Override
  public long prune(Instant before, long throughSeq) {
    throw new UnsupportedOperationException(
        "pruning the audit log is not supported on Firestore yet; export it with"
            + " 'toolgate audit export' and keep it, or use the SQLite store for retention");
  }

  /** Firestore never prunes, so its chain always starts at genesis. */
  @Override
  public Optional<dev.toolgate.ports.state.AuditCheckpoint> checkpoint() {
    return Optional.empty();
  }
}
