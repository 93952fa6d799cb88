package dev.toolgate.ports.state;

import java.util.List;
import java.util.Optional;

/** The append-only, hash-chained audit log. Thread-safe; records must survive restarts. */
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
}
