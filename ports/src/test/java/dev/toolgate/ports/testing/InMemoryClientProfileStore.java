package dev.toolgate.ports.testing;

import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link ClientProfileStore} in a sorted map, for tests. Thread-safe. */
public final class InMemoryClientProfileStore implements ClientProfileStore {
  private final ConcurrentSkipListMap<String, ClientProfile> profiles = new ConcurrentSkipListMap<>();

  @Override
  public void upsert(ClientProfile profile) {
    Objects.requireNonNull(profile, "profile");
    profiles.put(profile.clientKey(), profile);
  }

  @Override
  public Optional<ClientProfile> find(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return Optional.ofNullable(profiles.get(clientKey));
  }

  @Override
  public List<ClientProfile> list() {
    return List.copyOf(profiles.values());
  }
}
