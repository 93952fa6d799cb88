package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Makes a WebSocket {@code request_id} (per API key) processed at most once: the first frame with it
 * claims it, and the final message of its turn is kept so that a repeat gets that message again
 * instead of a second turn. Kept in memory for {@link #RETENTION} (the newest {@link #MAX_KEPT}); a
 * retryable failure (5xx) is not kept, so the client may try again with the same id. Thread-safe.
 */
final class ChatReplays {
  static final Duration RETENTION = Duration.ofHours(24);
  static final int MAX_KEPT = 10_000;

  /** What a claim found. */
  sealed interface Claim {}

  /** The id is new: the caller runs the turn and then calls {@link #finish}. */
  record Claimed() implements Claim {}

  /** A turn with this id is still running. */
  record InFlight() implements Claim {}

  /** A turn with this id has finished; {@code message} is its final message. */
  record Done(ObjectNode message) implements Claim {}

  private record Kept(ObjectNode message, Instant at) {}

  private final Clock clock;
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Kept> done =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
          return size() > MAX_KEPT;
        }
      };

  ChatReplays(Clock clock) {
    this.clock = clock;
  }

  synchronized Claim claim(String keyId, String requestId) {
    String id = id(keyId, requestId);
    Kept kept = done.get(id);
    if (kept != null && kept.at().plus(RETENTION).isAfter(clock.instant())) {
      return new Done(kept.message().deepCopy());
    }
    done.remove(id);
    return inFlight.add(id) ? new Claimed() : new InFlight();
  }

  /** Ends a claim: keeps {@code message} for repeats unless it reports a retryable (5xx) failure. */
  synchronized void finish(String keyId, String requestId, ObjectNode message) {
    String id = id(keyId, requestId);
    inFlight.remove(id);
    if (message.path("error").path("code").asInt(0) < 500) {
      done.put(id, new Kept(message.deepCopy(), clock.instant()));
    }
  }

  private static String id(String keyId, String requestId) {
    // Key ids are letters and digits only, so the separator cannot be forged by a request id.
    return keyId + " " + requestId;
  }
}
