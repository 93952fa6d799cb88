package dev.toolgate.core.audit;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.util.List;
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

  /** Walks the whole chain from seq 1 and checks every hash and link. */
  ChainVerification verify(Principal principal);
}
