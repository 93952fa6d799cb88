package dev.toolgate.core.audit;

import dev.toolgate.ports.state.AuditRecord;

/**
 * Checks audit records of one chain at a time, in seq order: each hash matches its record, each
 * record links to the one before, and no seq is missing. Used for a chain in the store (from genesis
 * or its checkpoint) and for an exported segment checked offline (from its own first record; a
 * segment of several chains lists them one after another, and each starts a walk of its own).
 */
public final class ChainWalk {
  private final boolean trustFirstOfEachChain;
  private String chain;
  private long expectedSeq;
  private String previousHash;
  private long checked;
  private Long firstSeq;
  private ChainVerification broken;

  private ChainWalk(String chain, long expectedSeq, String previousHash, boolean trustFirstOfEachChain) {
    this.chain = chain;
    this.expectedSeq = expectedSeq;
    this.previousHash = previousHash;
    this.trustFirstOfEachChain = trustFirstOfEachChain;
  }

  /** A walk of {@code chain} expecting record {@code seq} to link to {@code previousHash}. */
  public static ChainWalk from(String chain, long seq, String previousHash) {
    return new ChainWalk(chain, seq, previousHash, false);
  }

  /**
   * A walk that trusts the first record's seq and previous hash (an exported segment), and again
   * the first record of each further chain.
   */
  public static ChainWalk fromFirstRecord() {
    return new ChainWalk(null, -1, null, true);
  }

  /** Checks the next record; returns false (and stops checking) once the chain is broken. */
  public boolean accept(AuditRecord record) {
    if (broken != null) {
      return false;
    }
    checked++;
    if (trustFirstOfEachChain && !record.chain().equals(chain)) {
      chain = record.chain();
      expectedSeq = record.seq();
      previousHash = record.prevHash();
    }
    if (firstSeq == null) {
      firstSeq = record.seq();
    }
    if (!record.chain().equals(chain)) {
      broken = broken(record.seq(), "record of chain '" + record.chain() + "' found in chain '" + chain + "'");
    } else if (record.seq() != expectedSeq) {
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

  /** The problem names the chain, unless it is the main chain (the only one of a single-writer log). */
  private ChainVerification broken(long seq, String problem) {
    String where = chain == null || chain.equals(AuditRecord.MAIN_CHAIN) ? "" : "chain '" + chain + "': ";
    return new ChainVerification(false, checked, seq, where + problem);
  }
}
