package dev.toolgate.ports.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IdempotencyStore} in a map, for tests. Every operation holds the instance lock, which
 * makes {@link #reserve} atomic. Outcomes are copied in and out, as a real store would serialise
 * them, so a caller mutating a tree cannot change what is stored.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Map<IdempotencyScope, IdempotencyRecord> records = new HashMap<>();

  @Override
  public synchronized Reservation reserve(
      IdempotencyScope scope,
      String fingerprint,
      String requestId,
      Instant now,
      Instant lockedUntil,
      Instant expiresAt) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(now, "now");
    Optional<IdempotencyRecord> live = live(scope, now);
    if (live.isPresent()) {
      return new Reservation.Existing(copy(live.get()));
    }
    IdempotencyRecord before = records.get(scope);
    records.put(scope, new IdempotencyRecord(scope, fingerprint, requestId, null, now, lockedUntil, expiresAt));
    return before != null && before.abandonedAt(now)
        ? new Reservation.Abandoned(before)
        : new Reservation.Reserved();
  }

  @Override
  public synchronized void complete(IdempotencyScope scope, JsonNode outcome) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(outcome, "outcome");
    IdempotencyRecord record = records.get(scope);
    if (record == null) {
      throw new NotFoundException("no idempotency record for " + scope);
    }
    records.put(
        scope,
        new IdempotencyRecord(
            scope,
            record.fingerprint(),
            record.requestId(),
            outcome.deepCopy(),
            record.createdAt(),
            record.lockedUntil(),
            record.expiresAt()));
  }

  @Override
  public synchronized boolean forget(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    return records.remove(scope) != null;
  }

  @Override
  public synchronized void release(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    IdempotencyRecord record = records.get(scope);
    if (record != null && !record.completed()) {
      records.remove(scope);
    }
  }

  @Override
  public synchronized Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(now, "now");
    return live(scope, now).map(InMemoryIdempotencyStore::copy);
  }

  @Override
  public synchronized int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int before = records.size();
    records.values().removeIf(record -> !now.isBefore(record.expiresAt()));
    return before - records.size();
  }

  private Optional<IdempotencyRecord> live(IdempotencyScope scope, Instant now) {
    return Optional.ofNullable(records.get(scope)).filter(record -> record.liveAt(now));
  }

  private static IdempotencyRecord copy(IdempotencyRecord record) {
    return record.completed()
        ? new IdempotencyRecord(
            record.scope(),
            record.fingerprint(),
            record.requestId(),
            record.outcome().deepCopy(),
            record.createdAt(),
            record.lockedUntil(),
            record.expiresAt())
        : record;
  }
}
