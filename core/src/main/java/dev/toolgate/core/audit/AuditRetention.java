package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oldest audit segment: streamed for an export, and pruned by the gateway on its own (the
 * scheduled retention), archived first when an archive directory is set. Checks no role: the
 * callers that act for a principal ({@link AuditService}) check it first.
 */
public final class AuditRetention {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
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
   * Streams the records {@code log.prune(before, …)} deletes: the oldest up to the first at or after
   * {@code before}, never the head.
   *
   * @return the last seq streamed, or 0 if none
   */
  public long segment(Instant before, Consumer<AuditRecord> sink) {
    Objects.requireNonNull(before, "before");
    Optional<AuditRecord> head = log.last();
    if (head.isEmpty()) {
      return 0;
    }
    // The head is read first so that appends meanwhile change nothing.
    long headSeq = head.get().seq();
    long lastSeq = 0;
    Long after = null;
    while (true) {
      List<AuditRecord> records = log.read(AuditQuery.page(after, PAGE));
      for (AuditRecord record : records) {
        if (record.seq() >= headSeq || !record.entry().at().isBefore(before)) {
          return lastSeq;
        }
        sink.accept(record);
        lastSeq = record.seq();
      }
      if (records.size() < PAGE) {
        return lastSeq;
      }
      after = records.get(records.size() - 1).seq();
    }
  }

  /** What a prune did: how many records it deleted and the archive it wrote first, if any. */
  public record Pruned(long deleted, Path archive) {}

  /**
   * Prunes the segment before {@code before}, first writing it to {@code archiveDir} when not null
   * and then deleting exactly what was written; audited as {@code audit_pruned} by {@code actorKeyId}
   * (null when the gateway acts on its own, which records only a prune that deleted something).
   *
   * @throws UncheckedIOException if the archive cannot be written (then nothing is deleted)
   * @throws UnsupportedOperationException if the store cannot prune (Firestore, for now)
   */
  public Pruned prune(String actorKeyId, Instant before, Path archiveDir, String requestId) {
    Objects.requireNonNull(before, "before");
    Instant started = clock.instant();
    long throughSeq = Long.MAX_VALUE;
    Path file = null;
    if (archiveDir != null) {
      AuditSegmentFiles.Archived archived;
      try {
        archived = AuditSegmentFiles.archive(archiveDir, sink -> segment(before, sink));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot archive the audit segment in " + archiveDir + ": " + e.getMessage(), e);
      }
      throughSeq = archived.lastSeq();
      file = archived.file();
    }
    long deleted;
    try {
      deleted = throughSeq == 0 ? 0 : log.prune(before, throughSeq);
    } catch (UnsupportedOperationException e) {
      // A store that cannot prune keeps every record: an archive of them would be a stray copy.
      deleteQuietly(file);
      throw e;
    }
    if (deleted > 0 || actorKeyId != null) {
      ObjectNode details = Json.object().put("before", before.toString()).put("deleted", deleted);
      if (file != null) {
        details.put("archive", file.getFileName().toString());
      }
      log.checkpoint().ifPresent(c -> details.put("checkpoint_seq", c.seq()).put("checkpoint_hash", c.hash()));
      adminAudit.succeeded(actorKeyId, requestId, started, AdminAudit.AUDIT_PRUNED, null, details);
    }
    return new Pruned(deleted, file);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The refusal is what the caller must hear; the stray archive is only named.
      LOG.warn("could not remove the archive {}: {}", file, e.toString());
    }
  }
}
