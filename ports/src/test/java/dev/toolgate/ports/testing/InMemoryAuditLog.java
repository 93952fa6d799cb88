package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An {@link AuditLog} in a list, for tests. Appends hold the instance lock, so seqs and the chain
 * are gapless under concurrency. JSON trees are copied in and out, so a caller mutating a tree
 * cannot break the stored chain.
 */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public synchronized AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    String prevHash = records.isEmpty() ? AuditRecord.GENESIS : records.get(records.size() - 1).hash();
    AuditRecord record = AuditRecord.chain(records.size() + 1L, copy(entry), prevHash);
    records.add(record);
    return copy(record);
  }

  @Override
  public synchronized List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditRecord> ordered = new ArrayList<>(records);
    if (query.newestFirst()) {
      Collections.reverse(ordered);
    }
    return ordered.stream()
        .filter(matches(query))
        .limit(query.limit())
        .map(InMemoryAuditLog::copy)
        .toList();
  }

  @Override
  public synchronized Optional<AuditRecord> last() {
    return records.isEmpty() ? Optional.empty() : Optional.of(copy(records.get(records.size() - 1)));
  }

  private static Predicate<AuditRecord> matches(AuditQuery q) {
    return r -> {
      AuditEntry e = r.entry();
      return (q.afterSeq() == null || r.seq() > q.afterSeq())
          && (q.tool() == null || q.tool().equals(e.tool()))
          && (q.keyId() == null || q.keyId().equals(e.keyId()))
          && (q.clientKey() == null || q.clientKey().equals(e.clientKey()))
          && (q.outcome() == null || q.outcome().equals(e.outcome()))
          && (q.since() == null || !e.at().isBefore(q.since()))
          && (q.until() == null || e.at().isBefore(q.until()));
    };
  }

  private static AuditRecord copy(AuditRecord r) {
    return new AuditRecord(r.seq(), copy(r.entry()), r.prevHash(), r.hash());
  }

  private static AuditEntry copy(AuditEntry e) {
    return new AuditEntry(
        e.at(), e.requestId(), e.keyId(), e.clientKey(), e.tool(), e.arguments().deepCopy(),
        e.outcome(), e.code(), e.latencyMs(), e.details().deepCopy());
  }
}
