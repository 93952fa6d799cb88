package dev.toolgate.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditChains;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
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
    AuditQuery oldestFirst = scoped.get().newestFirst() ? scoped.get().reversed() : scoped.get();
    List<String> chains = oldestFirst.chain() != null ? List.of(oldestFirst.chain()) : log.chains();
    // Each chain is paged on its own (afterSeq is a position in one chain) and the pages merged.
    Iterator<AuditRecord> merged =
        AuditChains.merge(chains.stream().map(chain -> new ChainPages(log, oldestFirst.inChain(chain))).toList(), false);
    merged.forEachRemaining(sink);
  }

  @Override
  public ChainVerification verify(Principal principal) {
    requireReader(principal);
    long checked = 0;
    for (String chain : log.chains()) {
      ChainVerification one = verify(chain);
      checked += one.checked();
      if (!one.valid()) {
        return new ChainVerification(false, checked, one.firstBadSeq(), one.problem());
      }
    }
    return new ChainVerification(true, checked, null, null);
  }

  /** Walks one chain from genesis or, after a prune, from its checkpoint (the last pruned record). */
  private ChainVerification verify(String chain) {
    Optional<AuditCheckpoint> checkpoint = log.checkpoint(chain);
    long start = checkpoint.map(AuditCheckpoint::seq).orElse(0L);
    ChainWalk walk = ChainWalk.from(chain, start + 1, checkpoint.map(AuditCheckpoint::hash).orElse(AuditRecord.GENESIS));
    // Starting after the checkpoint: a prune in progress may still show records at or before it.
    Iterator<AuditRecord> records = new ChainPages(log, AuditQuery.chainPage(chain, start == 0 ? null : start, VERIFY_PAGE));
    while (records.hasNext()) {
      if (!walk.accept(records.next())) {
        break;
      }
    }
    return walk.result();
  }

  @Override
  public List<AuditCheckpoint> checkpoints(Principal principal) {
    requireReader(principal);
    return log.chains().stream().flatMap(chain -> log.checkpoint(chain).stream()).toList();
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
