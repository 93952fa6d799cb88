package dev.toolgate.ports.state;

import java.time.Instant;
import java.util.Optional;

/** A response cache with per-entry expiry. Thread-safe; a persistent store keeps entries across restarts. */
public interface ResponseCache {
  /** The entry for {@code key} if {@code now < expiresAt}; otherwise empty. */
  Optional<CachedResponse> get(String key, Instant now);

  /** Stores or replaces the entry for its key. */
  void put(CachedResponse response);

  /** Deletes every entry with {@code expiresAt <= now}; returns how many. */
  int purgeExpired(Instant now);
}
