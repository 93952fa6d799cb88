package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.testing.AbstractAuditRetentionContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditRetentionIntegrationTest extends AbstractAuditRetentionContractTest {
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

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
