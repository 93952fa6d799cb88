package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This process's audit chain: it holds the chain's head (last seq and hash) in memory, so an append
 * reads no document and rewrites none; each record is a document created once. Appends that arrive
 * while a commit is in flight are chained and committed together ({@link GroupCommit}); the first
 * commit also creates the chain's document ({@code audit_chains/<chain>}), which nothing rewrites
 * afterwards but a prune moving its checkpoint.
 *
 * <p>The chain id is chosen at start ({@link WriterIds}), so a restarted or second process never
 * continues another's chain. A commit that fails, whether or not Firestore applied it,
 * ends the chain: the next append starts a new chain at genesis. So a chain never forks (two records
 * with one seq) and never gaps (a seq skipped) even when a commit's outcome is unknown.
 *
 * <p>Not thread-safe on its own: {@link GroupCommit} runs one commit at a time, and its lock orders
 * each commit after the one before.
 */
final class AuditChainWriter {
  /** Records per commit at most: a Firestore commit takes up to 500 writes, the chain document included. */
  static final int MAX_BATCH = 400;

  private final FirestoreDatabase db;
  private final Clock clock;
  private final GroupCommit<AuditEntry, AuditRecord> appends = new GroupCommit<>(MAX_BATCH, this::commit);
  private final LongAdder commits = new LongAdder();
  private String chain;
  private boolean created;
  private long lastSeq;
  private String lastHash;

  AuditChainWriter(FirestoreDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
    startChain();
  }

  /** Appends {@code entry} to this process's chain; returns once the batch holding it is durable. */
  AuditRecord append(AuditEntry entry) {
    return appends.submit(entry);
  }

  /** How many commits this writer has made (each one batch of records). */
  long commits() {
    return commits.sum();
  }

  private void startChain() {
    chain = WriterIds.next(clock);
    created = false;
    lastSeq = 0;
    lastHash = AuditRecord.GENESIS;
  }

  /** Chains a batch after the head held in memory and creates its record documents in one commit. */
  private List<AuditRecord> commit(List<AuditEntry> entries) {
    WriteBatch batch = db.batch();
    if (!created) {
      batch.create(
          FirestoreAuditLog.chainDocument(db, chain),
          Map.of("chain", chain, "started_at", Fields.timestamp(clock.instant())));
    }
    List<AuditRecord> chained = new ArrayList<>(entries.size());
    long seq = lastSeq;
    String hash = lastHash;
    for (AuditEntry entry : entries) {
      AuditRecord record = AuditRecord.chain(chain, seq + 1, entry, hash);
      batch.create(FirestoreAuditLog.records(db, chain).document(FirestoreAuditLog.id(record.seq())), FirestoreAuditLog.fields(record));
      chained.add(record);
      seq = record.seq();
      hash = record.hash();
    }
    String what = "appending " + entries.size() + (entries.size() == 1 ? " record" : " records") + " to audit chain '" + chain + "'";
    try {
      db.await(batch.commit(), what);
    } catch (RuntimeException e) {
      // Applied or not, we cannot tell: a new chain cannot fork or gap this one.
      startChain();
      throw e;
    }
    created = true;
    lastSeq = seq;
    lastHash = hash;
    commits.increment();
    return chained;
  }
}
