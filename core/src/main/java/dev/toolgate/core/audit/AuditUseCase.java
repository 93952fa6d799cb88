package dev.toolgate.core.audit;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the audit log. Operators and admins only (others get
 * {@link dev.toolgate.core.ForbiddenException}); a principal scoped to a client sees only that
 * client's records.
 */
public interface AuditUseCase {
  List<AuditRecord> query(Principal principal, AuditQuery query);

  /** Streams every matching record (the query's limit is a page size) in seq order to {@code sink}. */
  void export(Principal principal, AuditQuery query, Consumer<AuditRecord> sink);

  /**
   * Walks the kept chain and checks every hash and link: from seq 1 and genesis, or, after a prune,
   * from the checkpoint (the first kept record must link to the last pruned one's hash).
   */
  ChainVerification verify(Principal principal);

  /** Where the kept chain starts, or empty if nothing was ever pruned. */
  Optional<AuditCheckpoint> checkpoint(Principal principal);

  /**
   * Streams the oldest segment, the records a {@link #prune} with the same {@code before} deletes
   * (from the first record up to the first at or after {@code before}, never the newest), in seq
   * order, to {@code sink}. Operators and admins whose key is not scoped to a client.
   *
   * @return the last seq streamed (pass it to {@link #prune} to delete exactly these), or 0 if none
   */
  long exportSegment(Principal principal, Instant before, Consumer<AuditRecord> sink);

  /**
   * Deletes the oldest segment (as {@link #exportSegment}) and moves the checkpoint to the last record
   * deleted; with {@code archiveDir}, first writes the segment there as
   * {@code audit-<first>-<last>.jsonl.gz} and deletes exactly what was written. Admin only (an
   * archive needs a key not scoped to one client); audited as {@code audit_pruned}.
   *
   * @param archiveDir where to archive the segment first, or null for no archive
   * @throws java.io.UncheckedIOException if the archive cannot be written (nothing is deleted)
   * @throws UnsupportedOperationException if the store cannot prune (Firestore, for now)
   */
  AuditRetention.Pruned prune(Principal admin, Instant before, Path archiveDir, String requestId);
}
