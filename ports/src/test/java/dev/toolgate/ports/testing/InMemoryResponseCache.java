package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ResponseCache} in a concurrent map, for tests. Values are copied in and out. */
public final class InMemoryResponseCache implements ResponseCache {
  private final ConcurrentHashMap<String, CachedResponse> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<CachedResponse> get(String key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    CachedResponse entry = entries.get(key);
    return entry == null || !now.isBefore(entry.expiresAt()) ? Optional.empty() : Optional.of(copy(entry));
  }

  @Override
  public void put(CachedResponse response) {
    Objects.requireNonNull(response, "response");
    entries.put(response.key(), copy(response));
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    AtomicInteger purged = new AtomicInteger();
    entries.forEach(
        (key, entry) -> {
          if (!now.isBefore(entry.expiresAt()) && entries.remove(key, entry)) {
            purged.incrementAndGet();
          }
        });
    return purged.get();
  }

  private static CachedResponse copy(CachedResponse r) {
    return new CachedResponse(r.key(), r.value().deepCopy(), r.storedAt(), r.expiresAt());
  }
}
