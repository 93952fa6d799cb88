package dev.toolgate.core.maintenance;

/**
 * What one maintenance run deleted.
 *
 * @param idempotencyRecords idempotency records past their expiry
 * @param cacheEntries cache entries past their expiry
 * @param approvals undecided approvals expired for longer than the idempotency retention
 * @param auditRecords audit records older than the audit retention
 */
public record PurgeReport(int idempotencyRecords, int cacheEntries, int approvals, long auditRecords) {
  public PurgeReport {
    if (idempotencyRecords < 0 || cacheEntries < 0 || approvals < 0 || auditRecords < 0) {
      throw new IllegalArgumentException(
          "purge counts cannot be negative, got " + idempotencyRecords + ", " + cacheEntries + ", " + approvals
              + ", " + auditRecords);
    }
  }

  /** How many records were deleted in all. */
  public long total() {
    return idempotencyRecords + cacheEntries + approvals + auditRecords;
  }
}
