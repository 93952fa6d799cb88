package dev.toolgate.ports.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Interleaves the chains of an audit log into the log's order: each chain keeps its seq order (the
 * order its hashes link), and the next record taken is the first, by {@link AuditRecord#LOG_ORDER},
 * of the chains' next records. Used by stores that read chain by chain and by the audit export,
 * which pages each chain and streams the merge.
 */
public final class AuditChains {
  private AuditChains() {}

  /**
   * The records of {@code chains} (each in seq order, descending if {@code newestFirst}) merged, as
   * they are pulled; reads each iterator only as far as the merge needs.
   */
  public static Iterator<AuditRecord> merge(List<? extends Iterator<AuditRecord>> chains, boolean newestFirst) {
    Comparator<AuditRecord> order = newestFirst ? AuditRecord.LOG_ORDER.reversed() : AuditRecord.LOG_ORDER;
    PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> order.compare(a.record, b.record));
    for (Iterator<AuditRecord> chain : chains) {
      if (chain.hasNext()) {
        heads.add(new Head(chain.next(), chain));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public AuditRecord next() {
        Head head = heads.poll();
        if (head == null) {
          throw new NoSuchElementException();
        }
        if (head.rest.hasNext()) {
          heads.add(new Head(head.rest.next(), head.rest));
        }
        return head.record;
      }
    };
  }

  /** The first {@code limit} records of {@link #merge} over lists. */
  public static List<AuditRecord> merge(List<List<AuditRecord>> chains, boolean newestFirst, int limit) {
    Iterator<AuditRecord> merged = merge(chains.stream().map(List::iterator).toList(), newestFirst);
    List<AuditRecord> first = new ArrayList<>();
    while (first.size() < limit && merged.hasNext()) {
      first.add(merged.next());
    }
    return first;
  }

  private record Head(AuditRecord record, Iterator<AuditRecord> rest) {}
}
