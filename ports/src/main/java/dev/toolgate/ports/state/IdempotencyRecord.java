package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored idempotency record.
 *
 * @param scope what the key is scoped to
 * @param fingerprint SHA-256 of the canonical arguments of the first call
 * @param requestId the request id of the call that holds or held the key; null in records written
 *     before it was kept (SQLite schema 3)
 * @param outcome the stored outcome once the call completed, or null while it is in flight
 * @param createdAt when the key was first reserved
 * @param lockedUntil while in flight: after this instant the reservation counts as abandoned (its
 *     holder died) and may be taken over
 * @param expiresAt after this instant the record counts as absent
 */
public record IdempotencyRecord(
    IdempotencyScope scope,
    String fingerprint,
    String requestId,
    JsonNode outcome,
    Instant createdAt,
    Instant lockedUntil,
    Instant expiresAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether this record is in flight and its holder gave up at {@code now} (its lease ran out). */
  public boolean abandonedAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return now.isBefore(expiresAt) && !completed() && !now.isBefore(lockedUntil);
  }

  public boolean completed() {
    return outcome != null;
  }

  /**
   * Whether this record still holds its key at {@code now}: it has not expired, and it is either
   * completed or still locked by a caller that has not given up. An in-flight record past
   * {@code lockedUntil} was abandoned (its holder died) and, like an expired one, counts as absent.
   * Every {@link IdempotencyStore} applies this one rule.
   */
  public boolean liveAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return now.isBefore(expiresAt) && (completed() || now.isBefore(lockedUntil));
  }
}
