package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored idempotency record.
 *
 * @param scope what the key is scoped to
 * @param fingerprint SHA-256 of the canonical arguments of the first call
 * @param outcome the stored outcome once the call completed, or null while it is in flight
 * @param createdAt when the key was first reserved
 * @param lockedUntil while in flight: after this instant the reservation counts as abandoned (its
 *     holder died) and may be taken over
 * @param expiresAt after this instant the record counts as absent
 */
public record IdempotencyRecord(
    IdempotencyScope scope,
    String fingerprint,
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

  public boolean completed() {
    return outcome != null;
  }
}
