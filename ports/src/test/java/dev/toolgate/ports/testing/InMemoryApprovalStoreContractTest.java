package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.ApprovalStore;
import java.time.Clock;

class InMemoryApprovalStoreContractTest extends AbstractApprovalStoreContractTest {
  @Override
  protected ApprovalStore newStore(Clock clock) {
    return new InMemoryApprovalStore();
  }
}
