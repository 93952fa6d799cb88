package dev.toolgate.ports.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only, hash-chained audit log. Thread-safe; records must survive restarts. Old records
 * leave only by {@link #prune}, which keeps a checkpoint so that the rest still verifies.
 *
 * <p>A log is one or more chains ({@link AuditRecord#chain()}): each chain is gapless and linked
 * by hashes on its own, and an instance of a store appends to one chain at a time. A single-writer
 * store keeps one chain, {@link AuditRecord#MAIN_CHAIN}; a store shared by several processes may
 * give each process a chain of its own, so that appends on different processes never contend.
 */
public interface AuditLog {
  /**
   * Atomically appends {@code entry} as the next record of this instance's chain: seq = the chain's
   * last seq + 1 (1 for the first), chained with {@link AuditRecord#chain} to the chain's last hash
   * ({@link AuditRecord#GENESIS} for the first). Concurrent appends never share a (chain, seq) or a
   * previous hash.
   */
  AuditRecord append(AuditEntry entry);

  /**
   * {@link #append(AuditEntry)} of an entry prepared on the caller's thread, for a store that appends
   * on a writer thread of its own and should do no more there than look up the head and hash. The
   * record is the same as {@code append(entry.entry())} would give, which is what this default does.
   */
  default AuditRecord append(PreparedAuditEntry entry) {
    return append(entry.entry());
  }

  /**
   * Records matching the query. With {@link AuditQuery#chain()} (or in a log of one chain): that
   * chain's records in seq order (descending if {@code newestFirst}). Over several chains: each
   * chain in seq order, the chains interleaved by {@link AuditRecord#LOG_ORDER} of their next
   * records (reversed if {@code newestFirst}); the limit applies to the merged list.
   */
  List<AuditRecord> read(AuditQuery query);

  /** The last record in the order of {@link #read} (the newest), or empty if the log is empty. */
  Optional<AuditRecord> last();

  /** The ids of the chains that hold records or a checkpoint, sorted. */
  List<String> chains();

  /**
   * Deletes the oldest records of {@code chain}: from its first, up to its first record at or after
   * {@code before} and at most through seq {@code throughSeq}, but never the chain's newest record
   * (the head the next append chains to); and moves the chain's {@link #checkpoint} to the last one
   * deleted. {@code throughSeq} lets a caller that exported the old records first delete exactly
   * what it exported. Readers never see a gap between the checkpoint and the first kept record
   * (they may see records at or before it while a prune runs). Stores may delete in several
   * transactions so that a long prune does not hold up appends.
   *
   * @return how many records were deleted (0 if none was old enough, or the chain is unknown)
   */
  long prune(String chain, Instant before, long throughSeq);

  /**
   * Where {@code chain}'s kept records start, or empty if nothing of it was ever pruned (it starts at
   * genesis).
   */
  Optional<AuditCheckpoint> checkpoint(String chain);
}
