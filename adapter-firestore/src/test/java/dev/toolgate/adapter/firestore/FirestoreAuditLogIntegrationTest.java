package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.testing.AbstractAuditLogContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditLogIntegrationTest extends AbstractAuditLogContractTest {
  private StoresOnEmulator stores;

  @Override
  protected AuditLog newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().audit();
  }

  @Override
  protected AuditLog reopen(AuditLog log) {
    return stores.reopen().audit();
  }

  @Override
  protected AuditLog sibling(AuditLog log) {
    return stores.sibling().audit();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
