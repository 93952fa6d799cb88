package dev.toolgate.core.clients;

import dev.toolgate.core.chat.model.ClientModelKeys;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.ports.secret.SecretStore;
import java.util.Objects;
import java.util.Optional;

/** Clients' own model keys from the secret store, opened with the master key per lookup. */
public final class SealedModelKeys implements ClientModelKeys {
  private final SecretStore secrets;
  private final SecretBox box;

  public SealedModelKeys(SecretStore secrets, SecretBox box) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.box = Objects.requireNonNull(box, "box");
  }

  @Override
  public Optional<String> find(String clientKey, String provider) {
    return secrets.find(clientKey, ModelKeys.secretName(provider)).map(box::open);
  }
}
