package dev.toolgate.ports.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A step boundary of a guarded call where a test stops the gateway as {@code kill -9} would: the
 * stores decorated by {@link #idempotency} and {@link #audit} throw a {@link Crash} there, once, which
 * no layer of the gateway catches, so whatever was committed stays and nothing after it runs.
 */
public enum CrashPoint {
  /** The key is reserved; the tool has not run. */
  AFTER_RESERVE,
  /** The tool's effect is committed; its outcome is not stored under the key. */
  AFTER_EFFECT,
  /** The outcome is stored under the key; nothing is audited. */
  AFTER_COMPLETE,
  /** The audit record is about to be appended (same state as {@link #AFTER_COMPLETE} for keyed calls). */
  BEFORE_AUDIT,
  /** The audit record is appended; the caller has no answer. */
  AFTER_AUDIT;

  /** What a simulated crash throws: an {@link Error}, which the gateway does not turn into an outcome. */
  public static final class Crash extends Error {
    public Crash(CrashPoint point) {
      super("simulated crash " + point);
    }
  }

  /** {@code store} crashing once at this point, while {@code armed}; other points pass through. */
  public IdempotencyStore idempotency(IdempotencyStore store, AtomicBoolean armed) {
    CrashPoint point = this;
    return new IdempotencyStore() {
      @Override
      public Reservation reserve(
          IdempotencyScope scope, String fingerprint, String requestId, Instant now, Instant lockedUntil,
          Instant expiresAt) {
        Reservation reservation = store.reserve(scope, fingerprint, requestId, now, lockedUntil, expiresAt);
        crashIf(point == AFTER_RESERVE && !(reservation instanceof Reservation.Existing), armed);
        return reservation;
      }

      @Override
      public void complete(IdempotencyScope scope, JsonNode outcome) {
        crashIf(point == AFTER_EFFECT, armed);
        store.complete(scope, outcome);
        crashIf(point == AFTER_COMPLETE, armed);
      }

      @Override
      public void release(IdempotencyScope scope) {
        store.release(scope);
      }

      @Override
      public boolean forget(IdempotencyScope scope) {
        return store.forget(scope);
      }

      @Override
      public Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now) {
        return store.find(scope, now);
      }

      @Override
      public int purgeExpired(Instant now) {
        return store.purgeExpired(now);
      }

      private void crashIf(boolean here, AtomicBoolean armed) {
        if (here && armed.compareAndSet(true, false)) {
          throw new Crash(point);
        }
      }
    };
  }

  /** {@code log} crashing once at this point, while {@code armed}; other points pass through. */
  public AuditLog audit(AuditLog log, AtomicBoolean armed) {
    CrashPoint point = this;
    return new ForwardingAuditLog(log) {
      @Override
      public AuditRecord append(AuditEntry entry) {
        if (point == BEFORE_AUDIT && armed.compareAndSet(true, false)) {
          throw new Crash(point);
        }
        AuditRecord record = log.append(entry);
        if (point == AFTER_AUDIT && armed.compareAndSet(true, false)) {
          throw new Crash(point);
        }
        return record;
      }
    };
  }
}
