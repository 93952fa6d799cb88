package dev.toolgate.core.audit;

import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records one chain query matches, oldest first, read a page ({@link AuditQuery#limit()}) at a
 * time as they are pulled, each page after the last seq of the one before. The query names a chain
 * (or the log has one), so that seq is a position.
 */
final class ChainPages implements Iterator<AuditRecord> {
  private final AuditLog log;
  private AuditQuery next;
  private Iterator<AuditRecord> page = List.<AuditRecord>of().iterator();

  ChainPages(AuditLog log, AuditQuery query) {
    if (query.newestFirst()) {
      throw new IllegalArgumentException("chain pages are read oldest first");
    }
    this.log = log;
    this.next = query;
  }

  @Override
  public boolean hasNext() {
    if (!page.hasNext() && next != null) {
      List<AuditRecord> records = log.read(next);
      next = records.size() < next.limit() ? null : next.after(records.get(records.size() - 1).seq());
      page = records.iterator();
    }
    return page.hasNext();
  }

  @Override
  public AuditRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }
}
