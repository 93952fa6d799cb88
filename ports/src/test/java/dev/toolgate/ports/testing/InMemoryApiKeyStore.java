package dev.toolgate.ports.testing;

import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link ApiKeyStore} in a map, for tests. Thread-safe; state lives as long as the instance. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private static final Comparator<ApiKey> CREATION_ORDER =
      Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id);

  private final Map<String, ApiKey> keys = new HashMap<>();

  @Override
  public synchronized void create(ApiKey key) {
    Objects.requireNonNull(key, "key");
    if (keys.putIfAbsent(key.id(), key) != null) {
      throw new ConflictException("API key '" + key.id() + "' already exists");
    }
  }

  @Override
  public synchronized Optional<ApiKey> find(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public synchronized List<ApiKey> list() {
    return keys.values().stream().sorted(CREATION_ORDER).toList();
  }

  @Override
  public synchronized boolean revoke(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    ApiKey key = keys.get(id);
    if (key == null) {
      throw new NotFoundException("no API key '" + id + "'");
    }
    if (!key.active()) {
      return false;
    }
    keys.put(id, key.revoked(at));
    return true;
  }
}
