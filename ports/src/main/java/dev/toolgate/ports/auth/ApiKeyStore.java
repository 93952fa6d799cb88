package dev.toolgate.ports.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores API keys (hashed). Thread-safe; keys must survive restarts. */
public interface ApiKeyStore {
  /** Stores a new key. Throws {@link dev.toolgate.ports.ConflictException} if the id is taken. */
  void create(ApiKey key);

  /** The key with this id, active or revoked; empty if none. */
  Optional<ApiKey> find(String id);

  /** Every key, active and revoked, ordered by creation time then id. */
  List<ApiKey> list();

  /**
   * Marks the key revoked at {@code at}. Returns true if it was active, false if it was already
   * revoked. Throws {@link dev.toolgate.ports.NotFoundException} if there is no such key.
   */
  boolean revoke(String id, Instant at);
}
