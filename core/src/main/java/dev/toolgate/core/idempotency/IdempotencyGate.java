package dev.toolgate.core.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The idempotency step of the pipeline (Stripe semantics): a call with a key runs at most once per
 * (key id, tool, idempotency key); the same key with the same arguments replays the stored outcome,
 * with other arguments is refused, and while the first call runs is answered "in progress". A call
 * refused before it could start, or ended by a bug, frees the key instead of being remembered.
 * Wired by {@code ToolgateBuilder}; not API.
 */
public final class IdempotencyGate {
  /** How long past the execution timeout an in-flight idempotency record is still honoured. */
  private static final Duration LOCK_MARGIN = Duration.ofSeconds(5);

  private final IdempotencyStore store;
  private final GatewayConfig config;
  private final Clock clock;

  public IdempotencyGate(IdempotencyStore store, GatewayConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Runs {@code call} once for this key, or answers from the record.
   *
   * @param pendingReplay what a stored "approval required" reads as now (the approval may have moved on)
   */
  public ToolOutcome once(
      String keyId,
      String tool,
      String idempotencyKey,
      JsonNode arguments,
      Function<ToolOutcome.ApprovalRequired, ToolOutcome> pendingReplay,
      Supplier<ToolOutcome> call) {
    IdempotencyScope scope;
    try {
      scope = new IdempotencyScope(keyId, tool, idempotencyKey);
    } catch (IllegalArgumentException e) {
      return new ToolOutcome.Invalid(tool, List.of(new FieldError("idempotency_key", e.getMessage())));
    }
    String fingerprint = Json.fingerprint(arguments);
    Instant now = clock.instant();
    Reservation reservation =
        store.reserve(
            scope,
            fingerprint,
            now,
            now.plus(config.executionTimeout()).plus(LOCK_MARGIN),
            now.plus(config.idempotencyRetention()));
    if (reservation instanceof Reservation.Existing existing) {
      return fromRecord(existing.record(), fingerprint, tool, idempotencyKey, pendingReplay);
    }
    ToolOutcome outcome;
    try {
      outcome = call.get();
    } catch (RuntimeException e) {
      store.release(scope);
      throw e;
    }
    if (ranNothingOrBug(outcome)) {
      store.release(scope);
    } else {
      store.complete(scope, OutcomeCodec.encode(outcome));
    }
    return outcome;
  }

  private static ToolOutcome fromRecord(
      IdempotencyRecord record,
      String fingerprint,
      String tool,
      String idempotencyKey,
      Function<ToolOutcome.ApprovalRequired, ToolOutcome> pendingReplay) {
    if (!record.fingerprint().equals(fingerprint)) {
      return new ToolOutcome.IdempotencyKeyReused(tool, idempotencyKey);
    }
    if (!record.completed()) {
      return new ToolOutcome.IdempotencyInProgress(tool, idempotencyKey);
    }
    ToolOutcome stored = OutcomeCodec.decode(record.outcome());
    return switch (stored.kind()) {
      case SUCCEEDED -> ((ToolOutcome.Succeeded) stored).asReplay();
      case APPROVAL_REQUIRED -> pendingReplay.apply((ToolOutcome.ApprovalRequired) stored);
      default -> stored;
    };
  }

  /**
   * Whether the key should be freed rather than remember this outcome: the call was refused before
   * it could start, or a bug (not the tool's business outcome) ended it.
   */
  private static boolean ranNothingOrBug(ToolOutcome outcome) {
    return outcome.kind() == ToolOutcome.Kind.FAILED
        && switch (((ToolOutcome.Failed) outcome).failure()) {
          case UNAVAILABLE, INTERNAL_ERROR -> true;
          default -> false;
        };
  }
}
