package dev.toolgate.ports.testing;

import dev.toolgate.ports.auth.ClientProfileStore;
import java.time.Clock;

class InMemoryClientProfileStoreContractTest extends AbstractClientProfileStoreContractTest {
  @Override
  protected ClientProfileStore newStore(Clock clock) {
    return new InMemoryClientProfileStore();
  }
}
