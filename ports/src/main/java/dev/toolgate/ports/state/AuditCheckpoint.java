package dev.toolgate.ports.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a kept audit chain starts after older records were pruned: the seq and hash of the chain's
 * last pruned record. The first kept record (seq + 1) carries {@code hash} as its previous hash, so
 * the kept chain verifies from here, and an exported segment verifies offline by ending at this hash.
 *
 * @param chain the chain it belongs to
 * @param seq the last pruned record's seq
 * @param hash the last pruned record's hash
 * @param at when that record happened
 */
public record AuditCheckpoint(String chain, long seq, String hash, Instant at) {
  public AuditCheckpoint {
    AuditRecord.requireChainId(chain);
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    if (seq < 1) {
      throw new IllegalArgumentException("a checkpoint's seq starts at 1, got " + seq);
    }
  }

  /** A checkpoint of {@link AuditRecord#MAIN_CHAIN}. */
  public AuditCheckpoint(long seq, String hash, Instant at) {
    this(AuditRecord.MAIN_CHAIN, seq, hash, at);
  }
}
