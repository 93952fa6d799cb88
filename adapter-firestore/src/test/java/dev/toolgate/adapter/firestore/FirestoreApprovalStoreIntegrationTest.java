package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.testing.AbstractApprovalStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreApprovalStoreIntegrationTest extends AbstractApprovalStoreContractTest {
  private StoresOnEmulator stores;

  @Override
  protected ApprovalStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().approvals();
  }

  @Override
  protected ApprovalStore reopen(ApprovalStore store) {
    return stores.reopen().approvals();
  }

  @Override
  protected ApprovalStore sibling(ApprovalStore store) {
    return stores.sibling().approvals();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
