package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditChains;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The hash-chained audit log as one chain per gateway process ({@link AuditChainWriter}): chain
 * {@code c} is the document {@code audit_chains/c} and its records {@code audit_chains/c/records},
 * one document per record whose id is its seq zero-padded to 20 digits (so id order is seq order).
 * The records of earlier versions, one chain in {@code audit_log}, are chain {@link
 * AuditRecord#MAIN_CHAIN}: read and verified as they are, never appended to.
 *
 * <p>Why a chain per process: Firestore sustains about one write per second per document, and one
 * chain shared by every process needs a head document moved by every commit of every process. With
 * a chain each, no document is written more than once per record, and audit throughput grows with
 * the number of processes. Across chains the log is ordered by time ({@link AuditRecord#LOG_ORDER}),
 * and each chain verifies on its own. See ADR 0012.
 *
 * <p>Records are stored as chained and read back without re-hashing, so an edited document shows
 * up as {@link AuditRecord#hashValid()} false. Pruning moves the chain document's checkpoint first
 * and then deletes the records at or before it, so a prune cut short leaves records that the next
 * prune deletes, never a gap.
 */
final class FirestoreAuditLog implements AuditLog {
  private static final int PRUNE_PAGE = 1_000;

  private final FirestoreDatabase db;
  private final AuditChainWriter writer;

  FirestoreAuditLog(FirestoreDatabase db, Clock clock) {
    this.db = db;
    this.writer = new AuditChainWriter(db, clock);
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return writer.append(asReadBack(entry));
  }

  /** This process's writer, for tests that count its commits. */
  AuditChainWriter writer() {
    return writer;
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.chain() != null) {
      return readChain(query.chain(), query);
    }
    List<String> chains = chains();
    if (chains.size() == 1) {
      return readChain(chains.get(0), query);
    }
    // Each chain's first `limit` matches hold the merged list's first `limit`.
    List<List<AuditRecord>> perChain = chains.stream().map(chain -> readChain(chain, query)).toList();
    return AuditChains.merge(perChain, query.newestFirst(), query.limit());
  }

  private List<AuditRecord> readChain(String chain, AuditQuery query) {
    Query selected = records(db, chain);
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
            "reading audit chain '" + chain + "'")
        .stream()
        .map(FirestoreAuditLog::record)
        .toList();
  }

  @Override
  public Optional<AuditRecord> last() {
    return read(AuditQuery.tail(1)).stream().findFirst();
  }

  /** The chains with a document, and the main chain if earlier versions wrote records. */
  @Override
  public List<String> chains() {
    TreeSet<String> chains = new TreeSet<>();
    for (DocumentSnapshot document : Queries.all(db, db.collection(CollectionNames.AUDIT_CHAINS), "listing the audit chains")) {
      chains.add(document.getId());
    }
    if (!Queries.all(db, db.collection(CollectionNames.AUDIT).limit(1), "looking for the audit chain of earlier versions").isEmpty()) {
      chains.add(AuditRecord.MAIN_CHAIN);
    }
    return List.copyOf(chains);
  }

  @Override
  public long prune(String chain, Instant before, long throughSeq) {
    Objects.requireNonNull(before, "before");
    String what = "pruning audit chain '" + chain + "'";
    if (!AuditRecord.requireChainId(chain).equals(AuditRecord.MAIN_CHAIN)
        && !db.await(chainDocument(db, chain).get(), what).exists()) {
      return 0;
    }
    Optional<AuditCheckpoint> checkpoint = checkpoint(chain);
    AuditCheckpoint end = lastPrunable(chain, checkpoint, before, throughSeq);
    if (end != null) {
      moveCheckpoint(chain, end, what);
    }
    long through = end != null ? end.seq() : checkpoint.map(AuditCheckpoint::seq).orElse(0L);
    // Also deletes what an earlier prune, cut short, left at or before its checkpoint.
    return through == 0 ? 0 : Queries.purge(db, records(db, chain).whereLessThanOrEqualTo("seq", through), what);
  }

  /**
   * The last record of the chain that a prune may delete: after the checkpoint, before the first at
   * or after {@code before}, at most {@code throughSeq}, never the chain's newest; null if none.
   */
  private AuditCheckpoint lastPrunable(String chain, Optional<AuditCheckpoint> checkpoint, Instant before, long throughSeq) {
    List<AuditRecord> newest = readChain(chain, new AuditQuery(chain, null, null, null, null, null, null, null, 1, true));
    if (newest.isEmpty()) {
      return null;
    }
    long headSeq = newest.get(0).seq();
    Long after = checkpoint.map(AuditCheckpoint::seq).orElse(null);
    AuditRecord last = null;
    while (true) {
      List<AuditRecord> page = readChain(chain, AuditQuery.chainPage(chain, after, PRUNE_PAGE));
      for (AuditRecord record : page) {
        if (record.seq() >= headSeq || record.seq() > throughSeq || !record.entry().at().isBefore(before)) {
          return last == null ? null : new AuditCheckpoint(chain, last.seq(), last.hash(), last.entry().at());
        }
        last = record;
      }
      if (page.size() < PRUNE_PAGE) {
        return last == null ? null : new AuditCheckpoint(chain, last.seq(), last.hash(), last.entry().at());
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  /** Moves the chain's checkpoint forward to {@code end}, unless a concurrent prune moved it further. */
  private void moveCheckpoint(String chain, AuditCheckpoint end, String what) {
    DocumentReference reference = chainDocument(db, chain);
    Map<String, Object> moved = Map.of(
        "chain", chain,
        "checkpoint_seq", end.seq(),
        "checkpoint_hash", end.hash(),
        "checkpoint_at", Fields.timestamp(end.at()));
    db.optimistically(what, () -> {
      DocumentSnapshot current = db.await(reference.get(), what);
      if (!current.exists()) {
        db.conditionally(reference.create(moved), what);
      } else if (checkpoint(current).map(c -> c.seq() < end.seq()).orElse(true)) {
        db.conditionally(reference.update(moved, FirestoreDatabase.unchangedSince(current)), what);
      }
      return null;
    });
  }

  @Override
  public Optional<AuditCheckpoint> checkpoint(String chain) {
    DocumentSnapshot document = db.await(chainDocument(db, AuditRecord.requireChainId(chain)).get(), "reading the checkpoint of audit chain '" + chain + "'");
    return document.exists() ? checkpoint(document) : Optional.empty();
  }

  private static Optional<AuditCheckpoint> checkpoint(DocumentSnapshot chain) {
    if (chain.get("checkpoint_seq") == null) {
      return Optional.empty();
    }
    return Optional.of(Fields.read(chain, d -> new AuditCheckpoint(
        d.getId(), Fields.number(d, "checkpoint_seq"), Fields.requiredText(d, "checkpoint_hash"),
        Fields.requiredInstant(d, "checkpoint_at"))));
  }

  /** The document of {@code chain} (for the main chain: only its checkpoint, once pruned). */
  static DocumentReference chainDocument(FirestoreDatabase db, String chain) {
    return db.collection(CollectionNames.AUDIT_CHAINS).document(chain);
  }

  /** The records of {@code chain}. */
  static CollectionReference records(FirestoreDatabase db, String chain) {
    return chain.equals(AuditRecord.MAIN_CHAIN)
        ? db.collection(CollectionNames.AUDIT)
        : chainDocument(db, chain).collection(CollectionNames.AUDIT_RECORDS);
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

  static Map<String, Object> fields(AuditRecord record) {
    AuditEntry entry = record.entry();
    Map<String, Object> fields = new HashMap<>();
    fields.put("chain", record.chain());
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
                // Records of earlier versions name no chain: they are the main chain.
                Optional.ofNullable(Fields.text(d, "chain")).orElse(AuditRecord.MAIN_CHAIN),
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
}
