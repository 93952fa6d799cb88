package dev.toolgate.core.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import dev.toolgate.ports.tool.Recovery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency step of the pipeline (Stripe semantics): a call with a key runs at most once per
 * (key id, tool, idempotency key); the same key with the same arguments replays the stored outcome,
 * with other arguments is refused, and while the first call runs is answered "in progress". A call
 * refused before it could start, or ended by a bug, frees the key instead of being remembered.
 *
 * <p>A key whose holder died mid-call (its lease ran out) is taken over, but the call runs again only
 * when the tool declares {@link Recovery#RERUN} (its effect is keyed so that a re-run finds it);
 * otherwise the key is completed with {@link FailureCode#OUTCOME_UNKNOWN}, so that no crash can make
 * a side effect happen twice. Wired by {@code ToolgateBuilder}; not API.
 */
public final class IdempotencyGate {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyGate.class);

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
   * An outcome and the write that settles its key: stores the outcome under it, or frees it. The
   * caller runs {@link #settle} with the call's audit record (see {@code CommitGroup}), so that the
   * call waits for one commit instead of two; the outcome must not be answered before it ran.
   */
  public record Settled(ToolOutcome outcome, Runnable settle) {
    private static final Runnable NOTHING = () -> {};

    /** An outcome that leaves no key to settle (answered from the record, or no key at all). */
    public static Settled nothingToSettle(ToolOutcome outcome) {
      return new Settled(outcome, NOTHING);
    }
  }

  /**
   * Runs {@code call} once for this key, or answers from the record. The key is reserved before the
   * call runs; storing the outcome (or freeing the key) is left to the returned {@link Settled#settle}.
   * If {@code call} throws, the key is freed here and the exception rethrown.
   *
   * @param recovery whether the tool's call may run again after an attempt was cut off
   * @param requestId this call's request id, kept on the record to name it if it is cut off
   * @param pendingReplay what a stored "approval required" reads as now (the approval may have moved on)
   */
  public Settled once(
      String keyId,
      String tool,
      Recovery recovery,
      String idempotencyKey,
      JsonNode arguments,
      String requestId,
      Function<ToolOutcome.ApprovalRequired, ToolOutcome> pendingReplay,
      Supplier<ToolOutcome> call) {
    IdempotencyScope scope;
    try {
      scope = new IdempotencyScope(keyId, tool, idempotencyKey);
    } catch (IllegalArgumentException e) {
      return Settled.nothingToSettle(
          new ToolOutcome.Invalid(tool, List.of(new FieldError("idempotency_key", e.getMessage()))));
    }
    String fingerprint = Json.fingerprint(arguments);
    Reservation reservation = reserve(scope, fingerprint, requestId);
    if (reservation instanceof Reservation.Existing existing) {
      return Settled.nothingToSettle(fromRecord(existing.record(), fingerprint, tool, idempotencyKey, pendingReplay));
    }
    if (reservation instanceof Reservation.Abandoned abandoned) {
      IdempotencyRecord previous = abandoned.previous();
      // A re-run is safe only for a tool whose effect is keyed, and only for the same arguments: with
      // others, its effect key would find the first call's effect and answer it for the wrong call.
      if (recovery != Recovery.RERUN || !previous.fingerprint().equals(fingerprint)) {
        ToolOutcome unknown = outcomeUnknown(tool, idempotencyKey, keyId, previous);
        log.warn(
            "idempotency key of key {} for tool {} was abandoned by request {}; answered outcome_unknown",
            keyId, tool, previous.requestId());
        return completing(scope, unknown);
      }
      log.info(
          "idempotency key of key {} for tool {} was abandoned by request {}; running it again (recovery rerun)",
          keyId, tool, previous.requestId());
    }
    ToolOutcome outcome;
    try {
      outcome = call.get();
    } catch (RuntimeException e) {
      store.release(scope);
      throw e;
    }
    if (ranNothingOrBug(outcome)) {
      return new Settled(outcome, () -> store.release(scope));
    }
    return completing(scope, outcome);
  }

  /** {@code outcome}, to be stored under {@code scope}: encoded now, so that the settling write only writes. */
  private Settled completing(IdempotencyScope scope, ToolOutcome outcome) {
    JsonNode encoded = OutcomeCodec.encode(outcome);
    return new Settled(outcome, () -> store.complete(scope, encoded));
  }

  /**
   * Reserves {@code scope} with the gateway's lease and retention: also how an approved call's run
   * holds its own record (see {@code ApprovedRun}), so that both follow one crash rule.
   */
  public Reservation reserve(IdempotencyScope scope, String fingerprint, String requestId) {
    Instant now = clock.instant();
    return store.reserve(
        scope, fingerprint, requestId, now, now.plus(lease()), now.plus(config.idempotencyRetention()));
  }

  /** How long an in-flight record holds its key: the execution timeout and a margin. */
  public Duration lease() {
    return config.executionTimeout().plus(LOCK_MARGIN);
  }

  /** The answer for a key whose earlier attempt was cut off and which the tool cannot safely run again. */
  private static ToolOutcome.Failed outcomeUnknown(
      String tool, String idempotencyKey, String keyId, IdempotencyRecord previous) {
    String request = previous.requestId() == null ? "an earlier request" : "request " + previous.requestId();
    ObjectNode details = Json.object();
    details.put("idempotency_key", idempotencyKey);
    if (previous.requestId() != null) {
      details.put("cut_off_request_id", previous.requestId());
    }
    details.put("cut_off_at", previous.createdAt().toString());
    return new ToolOutcome.Failed(
        tool,
        FailureCode.OUTCOME_UNKNOWN,
        "the outcome of the call to '" + tool + "' with idempotency key '" + idempotencyKey + "' is unknown: "
            + request + " was cut off while it ran (the gateway stopped), perhaps after its side effect,"
            + " and this tool cannot tell whether it took effect, so it is not run again."
            + " Check in the tool's own system whether it took effect; if it did not, call again with a new"
            + " idempotency key, or have an operator clear this one with 'toolgate idempotency forget --key-id "
            + keyId + " --tool " + tool + " --idempotency-key " + idempotencyKey + "'",
        false,
        details,
        null);
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
