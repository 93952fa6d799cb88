package dev.toolgate.ports.testing;

import dev.toolgate.ports.auth.ApiKeyStore;
import java.time.Clock;

class InMemoryApiKeyStoreContractTest extends AbstractApiKeyStoreContractTest {
  @Override
  protected ApiKeyStore newStore(Clock clock) {
    return new InMemoryApiKeyStore();
  }
}
