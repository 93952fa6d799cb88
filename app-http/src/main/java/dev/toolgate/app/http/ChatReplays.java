package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes a WebSocket {@code request_id} (per API key) processed at most once, across restarts and
 * instances: the first frame with it reserves an idempotency record (tool {@value #TOOL}, key the
 * request id, under the socket's key), and the final message of its turn completes the record, so
 * that a repeat gets that message again instead of a second turn. Kept {@link #RETENTION} (the
 * maintenance purges it with the other idempotency records); a retryable failure (5xx) releases the
 * record, so the client may try again with the same id. A record left in flight by a server that
 * stopped mid-turn is answered, after {@link #LEASE}, with a 409 saying the outcome is unknown,
 * never with a second run. Thread-safe: the store decides who holds an id.
 */
final class ChatReplays {
  static final Duration RETENTION = Duration.ofHours(24);
  /** How long a turn may run before its record counts as abandoned (its server stopped). */
  static final Duration LEASE = Duration.ofMinutes(15);
  /** The pseudo-tool the records are kept under; no real tool has a colon. */
  static final String TOOL = "ws:chat";

  /** What a claim found. */
  sealed interface Claim {}

  /** The id is new: the caller runs the turn and then calls {@link #finish}. */
  record Claimed() implements Claim {}

  /** A turn with this id is still running. */
  record InFlight() implements Claim {}

  /** A turn with this id has finished (or was cut off); {@code message} is its final message. */
  record Done(ObjectNode message) implements Claim {}

  private final IdempotencyStore store;
  private final Clock clock;

  ChatReplays(IdempotencyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Claim claim(String keyId, String requestId) {
    Instant now = clock.instant();
    IdempotencyScope scope = scope(keyId, requestId);
    Reservation reservation =
        store.reserve(scope, Json.sha256(requestId), requestId, now, now.plus(LEASE), now.plus(RETENTION));
    if (reservation instanceof Reservation.Reserved) {
      return new Claimed();
    }
    if (reservation instanceof Reservation.Abandoned abandoned) {
      // The turn may have run in part (tools, a stored answer): running it again could act twice.
      ObjectNode cutOff = cutOff(requestId, abandoned.previous());
      store.complete(scope, cutOff);
      return new Done(cutOff.deepCopy());
    }
    IdempotencyRecord record = ((Reservation.Existing) reservation).record();
    JsonNode kept = record.outcome();
    return kept instanceof ObjectNode message ? new Done(message.deepCopy()) : new InFlight();
  }

  /** Ends a claim: keeps {@code message} for repeats unless it reports a retryable (5xx) failure. */
  void finish(String keyId, String requestId, ObjectNode message) {
    IdempotencyScope scope = scope(keyId, requestId);
    if (message.path("error").path("code").asInt(0) >= 500) {
      store.release(scope);
    } else {
      store.complete(scope, message.deepCopy());
    }
  }

  private static ObjectNode cutOff(String requestId, IdempotencyRecord previous) {
    return StreamMessages.error(
        requestId, 409, "request_outcome_unknown",
        "request '" + requestId + "' was cut off while it ran (the server stopped at about "
            + previous.lockedUntil().minus(LEASE) + "); its answer, if it got one, is in the session's history"
            + " (GET /chat/sessions/{id}); send a new request_id to ask again");
  }

  private static IdempotencyScope scope(String keyId, String requestId) {
    return new IdempotencyScope(keyId, TOOL, requestId);
  }
}
