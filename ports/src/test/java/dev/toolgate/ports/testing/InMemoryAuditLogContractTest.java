package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.AuditLog;
import java.time.Clock;

class InMemoryAuditLogContractTest extends AbstractAuditLogContractTest {
  @Override
  protected AuditLog newStore(Clock clock) {
    return new InMemoryAuditLog();
  }
}
