package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.ResponseCache;
import java.time.Clock;

class InMemoryResponseCacheContractTest extends AbstractResponseCacheContractTest {
  @Override
  protected ResponseCache newStore(Clock clock) {
    return new InMemoryResponseCache();
  }
}
