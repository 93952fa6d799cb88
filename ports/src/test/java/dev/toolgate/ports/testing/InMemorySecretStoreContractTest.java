package dev.toolgate.ports.testing;

import dev.toolgate.ports.secret.SecretStore;
import java.time.Clock;

class InMemorySecretStoreContractTest extends AbstractSecretStoreContractTest {
  @Override
  protected SecretStore newStore(Clock clock) {
    return new InMemorySecretStore();
  }
}
