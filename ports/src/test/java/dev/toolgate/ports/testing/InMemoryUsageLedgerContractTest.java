package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.UsageLedger;
import java.time.Clock;

class InMemoryUsageLedgerContractTest extends AbstractUsageLedgerContractTest {
  @Override
  protected UsageLedger newStore(Clock clock) {
    return new InMemoryUsageLedger();
  }
}
