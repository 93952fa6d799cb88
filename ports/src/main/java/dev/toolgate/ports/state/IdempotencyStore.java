package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores idempotency records (Stripe semantics). Thread-safe; records must survive restarts.
 * Expired records ({@code expiresAt <= now}) count as absent everywhere.
 */
public interface IdempotencyStore {
  /**
   * Atomically reserves {@code scope}. If no live record exists — none, expired, or in flight with
   * {@code lockedUntil <= now} (abandoned) — stores a new in-flight record and returns
   * {@link Reservation.Reserved}. Otherwise returns {@link Reservation.Existing} with the live record,
   * whatever its fingerprint. Of any number of concurrent callers, exactly one is reserved.
   */
  Reservation reserve(
      IdempotencyScope scope, String fingerprint, Instant now, Instant lockedUntil, Instant expiresAt);

  /**
   * Stores the outcome of the in-flight record for {@code scope}, making it a completed record.
   * Throws {@link dev.toolgate.ports.NotFoundException} if there is no such record.
   */
  void complete(IdempotencyScope scope, JsonNode outcome);

  /** Removes an in-flight record so the key can be used again; a completed record is left alone. */
  void release(IdempotencyScope scope);

  /** The live record for {@code scope}, or empty. */
  Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now);

  /** Deletes every record with {@code expiresAt <= now}; returns how many. */
  int purgeExpired(Instant now);
}
