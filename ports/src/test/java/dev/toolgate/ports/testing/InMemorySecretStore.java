package dev.toolgate.ports.testing;

import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link SecretStore} in a sorted map keyed by client and name, for tests. Thread-safe. */
public final class InMemorySecretStore implements SecretStore {
  private final ConcurrentSkipListMap<String, EncryptedSecret> secrets = new ConcurrentSkipListMap<>();

  // '\n' cannot occur in a client key or a secret name, so keys never collide and sort by client first.
  private static String key(String clientKey, String name) {
    return clientKey + "\n" + name;
  }

  @Override
  public void put(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    secrets.put(key(secret.clientKey(), secret.name()), secret);
  }

  @Override
  public Optional<EncryptedSecret> find(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(secrets.get(key(clientKey, name)));
  }

  @Override
  public List<String> names(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return secrets.values().stream()
        .filter(secret -> secret.clientKey().equals(clientKey))
        .map(EncryptedSecret::name)
        .sorted()
        .toList();
  }

  @Override
  public boolean delete(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    return secrets.remove(key(clientKey, name)) != null;
  }
}
