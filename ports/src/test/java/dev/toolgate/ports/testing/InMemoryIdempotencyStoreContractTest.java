package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.IdempotencyStore;
import java.time.Clock;

class InMemoryIdempotencyStoreContractTest extends AbstractIdempotencyStoreContractTest {
  @Override
  protected IdempotencyStore newStore(Clock clock) {
    return new InMemoryIdempotencyStore();
  }
}
