package dev.toolgate.ports.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only, hash-chained audit log. Thread-safe; records must survive restarts. Old records
 * leave only by {@link #prune}, which keeps a checkpoint so that the rest still verifies.
 */
public interface AuditLog {
  /**
   * Atomically appends {@code entry} as the next record: seq = last seq + 1 (1 for the first),
   * chained with {@link AuditRecord#chain} to the last record's hash ({@link AuditRecord#GENESIS}
   * for the first). Concurrent appends never share a seq or a previous hash.
   */
  AuditRecord append(AuditEntry entry);

  /** Records matching the query, in seq order (descending if {@code newestFirst}). */
  List<AuditRecord> read(AuditQuery query);

  /** The record with the highest seq, or empty if the log is empty. */
  Optional<AuditRecord> last();

  /**
   * Deletes the oldest records: from the first, up to the first record at or after {@code before}
   * and at most through seq {@code throughSeq}, but never the newest record (the head the next
   * append chains to); and moves the {@link #checkpoint} to the last one deleted. {@code throughSeq}
   * lets a caller that exported the old records first delete exactly what it exported. Readers
   * never see a gap between the checkpoint and the first kept record. Stores may delete in several
   * transactions so that a long prune does not hold up appends.
   *
   * @return how many records were deleted (0 if none was old enough)
   * @throws UnsupportedOperationException if this store cannot prune (Firestore, for now)
   */
  long prune(Instant before, long throughSeq);

  /** Where the kept chain starts, or empty if nothing was ever pruned (the chain starts at genesis). */
  Optional<AuditCheckpoint> checkpoint();
}
