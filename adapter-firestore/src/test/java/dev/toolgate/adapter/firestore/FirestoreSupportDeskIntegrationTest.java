package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.testing.AbstractSupportDeskContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreSupportDeskIntegrationTest extends AbstractSupportDeskContractTest {
  private StoresOnEmulator stores;

  @Override
  protected SupportDesk newDesk(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().supportDesk();
  }

  @Override
  protected SupportDesk reopen(SupportDesk desk) {
    return stores.reopen().supportDesk();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
