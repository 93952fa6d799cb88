package dev.toolgate.core.audit;

import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.audit.AuditUseCase;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads, exports and verifies the audit log, for operators and admins. */
public final class AuditService implements AuditUseCase {
  private static final Set<Role> READERS = Set.of(Role.OPERATOR);
  private static final int VERIFY_PAGE = 1_000;

  private final AuditLog log;

  public AuditService(AuditLog log) {
    this.log = log;
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
    long checked = 0;
    long expectedSeq = 1;
    String previousHash = AuditRecord.GENESIS;
    Long after = null;
    while (true) {
      List<AuditRecord> records = log.read(AuditQuery.page(after, VERIFY_PAGE));
      for (AuditRecord record : records) {
        checked++;
        if (record.seq() != expectedSeq) {
          return broken(checked, expectedSeq,
              "record " + expectedSeq + " is missing (next record is " + record.seq() + ")");
        }
        if (!record.hashValid()) {
          return broken(checked, record.seq(), "hash does not match the record's content");
        }
        if (!record.prevHash().equals(previousHash)) {
          return broken(checked, record.seq(), "prev_hash does not match the hash of the record before it");
        }
        previousHash = record.hash();
        expectedSeq++;
      }
      if (records.size() < VERIFY_PAGE) {
        return new ChainVerification(true, checked, null, null);
      }
      after = records.get(records.size() - 1).seq();
    }
  }

  private static ChainVerification broken(long checked, long seq, String problem) {
    return new ChainVerification(false, checked, seq, problem);
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

  private static void requireReader(Principal principal) {
    if (!principal.hasAnyRole(READERS)) {
      throw new ForbiddenException("reading the audit log needs the operator or admin role");
    }
  }
}
