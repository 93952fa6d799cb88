package dev.toolgate.core.audit;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the audit log. Operators and admins only (others get
 * {@link dev.toolgate.core.ForbiddenException}); a principal scoped to a client sees only that
 * client's records.
 */
public interface AuditUseCase {
  List<AuditRecord> query(Principal principal, AuditQuery query);

  /**
   * Streams every matching record (the query's limit is a page size), oldest first, to {@code sink}:
   * each chain in seq order, chains interleaved by time ({@link AuditRecord#LOG_ORDER}).
   */
  void export(Principal principal, AuditQuery query, Consumer<AuditRecord> sink);

  /**
   * Walks every kept chain and checks every hash and link: from seq 1 and genesis, or, after a
   * prune, from the chain's checkpoint (the first kept record must link to the last pruned one's
   * hash). Reports the first broken chain (its problem names it, unless it is the main chain).
   */
  ChainVerification verify(Principal principal);

  /** Where each pruned chain's kept records start; empty if nothing was ever pruned. */
  List<AuditCheckpoint> checkpoints(Principal principal);

  /**
   * Streams the oldest segment, the records a {@link #prune} with the same {@code before} deletes
   * (of each chain, from its first record up to its first at or after {@code before}, never its
   * newest), chain after chain, each in seq order, to {@code sink}. Operators and admins whose key is not scoped to a client.
   *
   * @return the last seq streamed (of the last chain streamed), or 0 if none
   */
  long exportSegment(Principal principal, Instant before, Consumer<AuditRecord> sink);

  /**
   * Deletes the oldest segment (as {@link #exportSegment}) and moves each chain's checkpoint to its
   * last record deleted; with {@code archiveDir}, first writes each chain's segment there as
   * {@code audit-<first>-<last>.jsonl.gz} ({@code audit-<chain>-<first>-<last>.jsonl.gz} for a chain
   * other than the main one) and deletes exactly what was written. Admin only (an archive needs a
   * key not scoped to one client); audited as {@code audit_pruned}.
   *
   * @param archiveDir where to archive the segment first, or null for no archive
   * @throws java.io.UncheckedIOException if the archive cannot be written (nothing is deleted)
   */
  AuditRetention.Pruned prune(Principal admin, Instant before, Path archiveDir, String requestId);
}
