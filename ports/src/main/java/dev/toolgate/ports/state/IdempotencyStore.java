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
   * Atomically reserves {@code scope}. If no live record exists, stores a new in-flight record (with
   * these values) and returns {@link Reservation.Reserved} when there was none or it had expired, and
   * {@link Reservation.Abandoned} with the record as it was when it was in flight with
   * {@code lockedUntil <= now} (its holder died). Otherwise returns {@link Reservation.Existing} with
   * the live record, whatever its fingerprint. Of any number of concurrent callers, exactly one holds
   * the key.
   *
   * @param requestId the request id of the call reserving the key, kept on the record
   */
  Reservation reserve(
      IdempotencyScope scope,
      String fingerprint,
      String requestId,
      Instant now,
      Instant lockedUntil,
      Instant expiresAt);

  /**
   * Stores the outcome of the in-flight record for {@code scope}, making it a completed record.
   * Throws {@link dev.toolgate.ports.NotFoundException} if there is no such record.
   */
  void complete(IdempotencyScope scope, JsonNode outcome);

  /** Removes an in-flight record so the key can be used again; a completed record is left alone. */
  void release(IdempotencyScope scope);

  /**
   * Deletes the record for {@code scope} whatever its state, so that the key can be used again: an
   * operator's resolution of a key answered {@code outcome_unknown}. Returns whether there was one.
   */
  boolean forget(IdempotencyScope scope);

  /** The live record for {@code scope}, or empty. */
  Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now);

  /** Deletes every record with {@code expiresAt <= now}; returns how many. */
  int purgeExpired(Instant now);
}
