package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads, exports and verifies the audit log, for operators and admins. */
public final class AuditService implements AuditUseCase {
  private static final Set<Role> READERS = Set.of(Role.OPERATOR);
  private static final int VERIFY_PAGE = 1_000;

  private final AuditLog log;
  private final AdminAudit adminAudit;
  private final AuditRetention retention;

  public AuditService(AuditLog log, AdminAudit adminAudit, Clock clock) {
    this.log = log;
    this.adminAudit = adminAudit;
    this.retention = new AuditRetention(log, adminAudit, clock);
  }

  @Override
  public List<AuditRecord> query(Principal principal, AuditQuery query) {
    requireReader(principal);
    return scoped(principal, query).map(log::read).orElse(List.of());
  }

  @Override
  public void export(Principal principal, AuditQuery query, Consumer<AuditRecord> sink) {
    requireReader(principal);
    Optional<AuditQuery> scoped = scoped(principal, query);
    if (scoped.isEmpty()) {
      return;
    }
    AuditQuery page = scoped.get();
    Long after = page.afterSeq();
    while (true) {
      List<AuditRecord> records =
          log.read(
              new AuditQuery(
                  after, page.tool(), page.keyId(), page.clientKey(), page.outcome(), page.since(),
                  page.until(), page.limit(), false));
      records.forEach(sink);
      if (records.size() < page.limit()) {
        return;
      }
      after = records.get(records.size() - 1).seq();
    }
  }

  @Override
  public ChainVerification verify(Principal principal) {
    requireReader(principal);
    // After a prune the kept chain starts at the checkpoint: the last pruned record's seq and hash.
    Optional<AuditCheckpoint> checkpoint = log.checkpoint();
    ChainWalk walk =
        ChainWalk.from(
            checkpoint.map(c -> c.seq() + 1).orElse(1L),
            checkpoint.map(AuditCheckpoint::hash).orElse(AuditRecord.GENESIS));
    Long after = null;
    while (true) {
      List<AuditRecord> records = log.read(AuditQuery.page(after, VERIFY_PAGE));
      for (AuditRecord record : records) {
        if (!walk.accept(record)) {
          return walk.result();
        }
      }
      if (records.size() < VERIFY_PAGE) {
        return walk.result();
      }
      after = records.get(records.size() - 1).seq();
    }
  }

  @Override
  public Optional<AuditCheckpoint> checkpoint(Principal principal) {
    requireReader(principal);
    return log.checkpoint();
  }

  @Override
  public long exportSegment(Principal principal, Instant before, Consumer<AuditRecord> sink) {
    requireWholeLogReader(principal);
    Objects.requireNonNull(before, "before");
    return retention.segment(before, sink);
  }

  @Override
  public AuditRetention.Pruned prune(Principal admin, Instant before, Path archiveDir, String requestId) {
    Objects.requireNonNull(before, "before");
    ObjectNode target = Json.object().put("before", before.toString());
    adminAudit.requireAdmin(
        admin, requestId, AdminAudit.AUDIT_PRUNED, null, target, "pruning the audit log needs the admin role");
    if (archiveDir != null) {
      requireWholeLogReader(admin);
    }
    return retention.prune(admin.keyId(), before, archiveDir, requestId);
  }

  /** The query limited to the principal's client; empty if it asks for another client. */
  private static Optional<AuditQuery> scoped(Principal principal, AuditQuery query) {
    String client = principal.clientKey();
    if (client == null || client.equals(query.clientKey())) {
      return Optional.of(query);
    }
    if (query.clientKey() != null) {
      return Optional.empty();
    }
    return Optional.of(
        new AuditQuery(
            query.afterSeq(), query.tool(), query.keyId(), client, query.outcome(), query.since(),
            query.until(), query.limit(), query.newestFirst()));
  }

  /** A segment holds every client's records, so a client-scoped reader may not export one. */
  private static void requireWholeLogReader(Principal principal) {
    requireReader(principal);
    if (principal.clientKey() != null) {
      throw new ForbiddenException(
          "exporting an audit segment needs a key that is not scoped to one client (it holds every client's records)");
    }
  }

  private static void requireReader(Principal principal) {
    if (!principal.hasAnyRole(READERS)) {
      throw new ForbiddenException("reading the audit log needs the operator or admin role");
    }
  }
}
