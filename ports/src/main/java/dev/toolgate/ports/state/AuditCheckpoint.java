package dev.toolgate.ports.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the kept audit chain starts after older records were pruned: the seq and hash of the last
 * pruned record. The first kept record (seq + 1) carries {@code hash} as its previous hash, so the
 * kept chain verifies from here, and an exported segment verifies offline by ending at this hash.
 *
 * @param seq the last pruned record's seq
 * @param hash the last pruned record's hash
 * @param at when that record happened
 */
public record AuditCheckpoint(long seq, String hash, Instant at) {
  public AuditCheckpoint {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(at, "at");
    if (seq < 1) {
      throw new IllegalArgumentException("a checkpoint's seq starts at 1, got " + seq);
    }
  }
}
