package dev.toolgate.ports.testing;

import dev.toolgate.ports.support.SupportDesk;
import java.time.Clock;

class InMemorySupportDeskContractTest extends AbstractSupportDeskContractTest {
  @Override
  protected SupportDesk newDesk(Clock clock) {
    return InMemorySupportDesk.withDemoData(clock);
  }
}
