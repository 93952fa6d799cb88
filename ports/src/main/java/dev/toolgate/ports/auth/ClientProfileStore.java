package dev.toolgate.ports.auth;

import java.util.List;
import java.util.Optional;

/** Stores client profiles. Thread-safe; profiles must survive restarts. */
public interface ClientProfileStore {
  /** Creates or replaces the profile with this client key. */
  void upsert(ClientProfile profile);

  /** The profile with this key, or empty. */
  Optional<ClientProfile> find(String clientKey);

  /** Every profile, ordered by client key. */
  List<ClientProfile> list();
}
