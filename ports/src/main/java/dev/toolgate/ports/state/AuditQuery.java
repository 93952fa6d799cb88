package dev.toolgate.ports.state;

import java.time.Instant;

/**
 * Which audit records to read. Null filters match everything.
 *
 * @param chain only this chain's records (see {@link AuditRecord#chain()}), or null for every chain
 * @param afterSeq only records with a greater seq in their chain (for paging forward through one
 *     chain: with {@code chain}, or in a log of one chain), or null
 * @param tool only this tool
 * @param keyId only this key
 * @param clientKey only this client
 * @param outcome only this outcome word
 * @param since only records at or after this instant
 * @param until only records before this instant
 * @param limit at most this many records (1–10 000)
 * @param newestFirst order by seq descending instead of ascending
 */
public record AuditQuery(
    String chain,
    Long afterSeq,
    String tool,
    String keyId,
    String clientKey,
    String outcome,
    Instant since,
    Instant until,
    int limit,
    boolean newestFirst) {

  public static final int MAX_LIMIT = 10_000;

  public AuditQuery {
    if (chain != null) {
      AuditRecord.requireChainId(chain);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("audit query limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
  }

  /** A query over every chain. */
  public AuditQuery(
      Long afterSeq, String tool, String keyId, String clientKey, String outcome, Instant since, Instant until,
      int limit, boolean newestFirst) {
    this(null, afterSeq, tool, keyId, clientKey, outcome, since, until, limit, newestFirst);
  }

  /** Every record of {@code chain}, in seq order, a page of {@code limit} after {@code afterSeq} (null = from the start). */
  public static AuditQuery chainPage(String chain, Long afterSeq, int limit) {
    return new AuditQuery(
        AuditRecord.requireChainId(chain), afterSeq, null, null, null, null, null, null, limit, false);
  }

  /** The same query with another {@code afterSeq}. */
  public AuditQuery after(Long seq) {
    return new AuditQuery(chain, seq, tool, keyId, clientKey, outcome, since, until, limit, newestFirst);
  }

  /** The same query in the other order. */
  public AuditQuery reversed() {
    return new AuditQuery(chain, afterSeq, tool, keyId, clientKey, outcome, since, until, limit, !newestFirst);
  }

  /** The same query limited to {@code chainId}. */
  public AuditQuery inChain(String chainId) {
    return new AuditQuery(chainId, afterSeq, tool, keyId, clientKey, outcome, since, until, limit, newestFirst);
  }

  /** Everything, oldest first, a page of {@code limit} after {@code afterSeq} (null = from the start). */
  public static AuditQuery page(Long afterSeq, int limit) {
    return new AuditQuery(afterSeq, null, null, null, null, null, null, limit, false);
  }

  /** The newest {@code limit} records, newest first. */
  public static AuditQuery tail(int limit) {
    return new AuditQuery(null, null, null, null, null, null, null, limit, true);
  }
}
