package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A cached tool result.
 *
 * @param key cache key (the caller derives it from client, tool and canonical arguments)
 * @param value the result
 * @param storedAt when it was stored (to report its age)
 * @param expiresAt when it stops being served
 */
public record CachedResponse(String key, JsonNode value, Instant storedAt, Instant expiresAt) {
  public CachedResponse {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(storedAt, "storedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
