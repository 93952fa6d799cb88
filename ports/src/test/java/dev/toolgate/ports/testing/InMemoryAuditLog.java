package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An {@link AuditLog} in a list, for tests: one chain, {@link AuditRecord#MAIN_CHAIN}, as a
 * single-writer store keeps. Appends hold the instance lock, so seqs and the chain are gapless under
 * concurrency. JSON trees are copied in and out, so a caller mutating a tree
 * cannot break the stored chain.
 */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditRecord> records = new ArrayList<>();
  private AuditCheckpoint checkpoint;

  @Override
  public synchronized AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    long seq;
    String prevHash;
    if (!records.isEmpty()) {
      AuditRecord head = records.get(records.size() - 1);
      seq = head.seq() + 1;
      prevHash = head.hash();
    } else {
      seq = checkpoint == null ? 1 : checkpoint.seq() + 1;
      prevHash = checkpoint == null ? AuditRecord.GENESIS : checkpoint.hash();
    }
    AuditRecord record = AuditRecord.chain(seq, copy(entry), prevHash);
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

  @Override
  public synchronized List<String> chains() {
    return records.isEmpty() && checkpoint == null ? List.of() : List.of(AuditRecord.MAIN_CHAIN);
  }

  @Override
  public synchronized long prune(String chain, Instant before, long throughSeq) {
    Objects.requireNonNull(before, "before");
    if (!AuditRecord.MAIN_CHAIN.equals(chain)) {
      return 0;
    }
    long deleted = 0;
    while (records.size() > 1
        && records.get(0).entry().at().isBefore(before)
        && records.get(0).seq() <= throughSeq) {
      AuditRecord gone = records.remove(0);
      checkpoint = new AuditCheckpoint(gone.seq(), gone.hash(), gone.entry().at());
      deleted++;
    }
    return deleted;
  }

  @Override
  public synchronized Optional<AuditCheckpoint> checkpoint(String chain) {
    return AuditRecord.MAIN_CHAIN.equals(chain) ? Optional.ofNullable(checkpoint) : Optional.empty();
  }

  private static Predicate<AuditRecord> matches(AuditQuery q) {
    return r -> {
      AuditEntry e = r.entry();
      return (q.chain() == null || q.chain().equals(r.chain()))
          && (q.afterSeq() == null || r.seq() > q.afterSeq())
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
