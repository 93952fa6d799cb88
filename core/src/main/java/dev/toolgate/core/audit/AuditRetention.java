package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The oldest audit segment: streamed for an export, and pruned by the gateway on its own (the
 * scheduled retention), archived first when an archive directory is set. Checks no role: the
 * callers that act for a principal ({@link AuditService}) check it first.
 */
public final class AuditRetention {
  private static final int PAGE = 1_000;

  private final AuditLog log;
  private final AdminAudit adminAudit;
  private final Clock clock;

  public AuditRetention(AuditLog log, AdminAudit adminAudit, Clock clock) {
    this.log = log;
    this.adminAudit = adminAudit;
    this.clock = clock;
  }

  /**
   * Streams the records {@code log.prune(chain, before, …)} deletes of every chain, chain after
   * chain: of each, the oldest up to its first at or after {@code before}, never its head.
   *
   * @return the last seq streamed (of the last chain streamed), or 0 if none
   */
  public long segment(Instant before, Consumer<AuditRecord> sink) {
    Objects.requireNonNull(before, "before");
    long lastSeq = 0;
    for (String chain : log.chains()) {
      long last = segment(chain, before, sink);
      lastSeq = last == 0 ? lastSeq : last;
    }
    return lastSeq;
  }

  /** The oldest segment of one chain (see {@link #segment(Instant, Consumer)}); returns its last seq or 0. */
  private long segment(String chain, Instant before, Consumer<AuditRecord> sink) {
    List<AuditRecord> head = log.read(new AuditQuery(chain, null, null, null, null, null, null, null, 1, true));
    if (head.isEmpty()) {
      return 0;
    }
    // The head is read first so that appends meanwhile change nothing.
    long headSeq = head.get(0).seq();
    // After the checkpoint: a prune in progress may still show records at or before it.
    Long after = log.checkpoint(chain).map(AuditCheckpoint::seq).orElse(null);
    long lastSeq = 0;
    Iterator<AuditRecord> records = new ChainPages(log, AuditQuery.chainPage(chain, after, PAGE));
    while (records.hasNext()) {
      AuditRecord record = records.next();
      if (record.seq() >= headSeq || !record.entry().at().isBefore(before)) {
        break;
      }
      sink.accept(record);
      lastSeq = record.seq();
    }
    return lastSeq;
  }

  /** What a prune did: how many records it deleted and the archives it wrote first (one per chain). */
  public record Pruned(long deleted, List<Path> archives) {
    public Pruned {
      archives = List.copyOf(archives);
    }
  }

  /**
   * Prunes each chain's segment before {@code before}, first writing it to {@code archiveDir} when
   * not null and then deleting exactly what was written; audited as {@code audit_pruned} by {@code
   * actorKeyId} (null when the gateway acts on its own, which records only a prune that deleted
   * something).
   *
   * @throws UncheckedIOException if an archive cannot be written (then that chain and the ones after
   *     it are not pruned)
   */
  public Pruned prune(String actorKeyId, Instant before, Path archiveDir, String requestId) {
    Objects.requireNonNull(before, "before");
    Instant started = clock.instant();
    long deleted = 0;
    List<Path> archives = new ArrayList<>();
    for (String chain : log.chains()) {
      long throughSeq = Long.MAX_VALUE;
      if (archiveDir != null) {
        AuditSegmentFiles.Archived archived;
        try {
          archived = AuditSegmentFiles.archive(archiveDir, chain, sink -> segment(chain, before, sink));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot archive the audit segment in " + archiveDir + ": " + e.getMessage(), e);
        }
        throughSeq = archived.lastSeq();
        if (archived.file() != null) {
          archives.add(archived.file());
        }
      }
      deleted += throughSeq == 0 ? 0 : log.prune(chain, before, throughSeq);
    }
    if (deleted > 0 || actorKeyId != null) {
      ObjectNode details = Json.object().put("before", before.toString()).put("deleted", deleted);
      ArrayNode files = details.putArray("archives");
      archives.forEach(file -> files.add(file.getFileName().toString()));
      ArrayNode checkpoints = details.putArray("checkpoints");
      for (String chain : log.chains()) {
        log.checkpoint(chain).ifPresent(c -> checkpoints.add(AuditSegmentFiles.checkpointJson(c)));
      }
      adminAudit.succeeded(actorKeyId, requestId, started, AdminAudit.AUDIT_PRUNED, null, details);
    }
    return new Pruned(deleted, archives);
  }
}
