package dev.toolgate.ports.secret;

import java.util.List;
import java.util.Optional;

/**
 * Stores clients' third-party secrets, encrypted at rest: implementations receive and keep only
 * ciphertext (see {@link EncryptedSecret}) and must not log it. No API of the gateway returns a
 * secret. Thread-safe; secrets survive restarts. Arguments are never null.
 */
public interface SecretStore {
  /** Stores the secret, replacing any with the same client key and name. */
  void put(EncryptedSecret secret);

  /** The secret of this client with this name, or empty. */
  Optional<EncryptedSecret> find(String clientKey, String name);

  /** The names of the client's secrets, sorted; empty if none. */
  List<String> names(String clientKey);

  /** Deletes the secret; returns whether it existed. */
  boolean delete(String clientKey, String name);
}
