package dev.toolgate.ports.state;

import java.time.Instant;

/**
 * Which audit records to read. Null filters match everything.
 *
 * @param afterSeq only records with a greater seq (for paging forward), or null
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
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("audit query limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
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
