package dev.toolgate.core.audit;

import dev.toolgate.ports.state.AuditRecord;

/**
 * Checks audit records one at a time, in seq order: each hash matches its record, each record
 * links to the one before, and no seq is missing. Used for the chain in the store (from genesis or
 * the checkpoint) and for an exported segment checked offline (from its own first record).
 */
public final class ChainWalk {
  private long expectedSeq;
  private String previousHash;
  private long checked;
  private Long firstSeq;
  private ChainVerification broken;

  private ChainWalk(long expectedSeq, String previousHash) {
    this.expectedSeq = expectedSeq;
    this.previousHash = previousHash;
  }

  /** A walk expecting record {@code seq} to link to {@code previousHash}. */
  public static ChainWalk from(long seq, String previousHash) {
    return new ChainWalk(seq, previousHash);
  }

  /** A walk that trusts the first record's seq and previous hash (an exported segment). */
  public static ChainWalk fromFirstRecord() {
    return new ChainWalk(-1, null);
  }

  /** Checks the next record; returns false (and stops checking) once the chain is broken. */
  public boolean accept(AuditRecord record) {
    if (broken != null) {
      return false;
    }
    checked++;
    if (expectedSeq < 0) {
      expectedSeq = record.seq();
      previousHash = record.prevHash();
    }
    if (firstSeq == null) {
      firstSeq = record.seq();
    }
    if (record.seq() != expectedSeq) {
      broken = broken(expectedSeq, "record " + expectedSeq + " is missing (next record is " + record.seq() + ")");
    } else if (!record.hashValid()) {
      broken = broken(record.seq(), "hash does not match the record's content");
    } else if (!record.prevHash().equals(previousHash)) {
      broken = broken(record.seq(), "prev_hash does not match the hash of the record before it");
    } else {
      previousHash = record.hash();
      expectedSeq++;
      return true;
    }
    return false;
  }

  /** The outcome so far. */
  public ChainVerification result() {
    return broken != null ? broken : new ChainVerification(true, checked, null, null);
  }

  /** The seq of the first record checked, or null if none. */
  public Long firstSeq() {
    return firstSeq;
  }

  /** The hash the next record must link to: the last valid record's hash. */
  public String lastHash() {
    return previousHash;
  }

  private ChainVerification broken(long seq, String problem) {
    return new ChainVerification(false, checked, seq, problem);
  }
}
