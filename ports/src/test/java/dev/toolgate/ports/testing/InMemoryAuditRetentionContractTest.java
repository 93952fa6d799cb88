package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.AuditLog;
import java.time.Clock;

class InMemoryAuditRetentionContractTest extends AbstractAuditRetentionContractTest {
  @Override
  protected AuditLog newStore(Clock clock) {
    return new InMemoryAuditLog();
  }
}
