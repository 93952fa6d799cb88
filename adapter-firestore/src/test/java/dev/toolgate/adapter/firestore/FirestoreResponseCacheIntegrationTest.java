package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.testing.AbstractResponseCacheContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreResponseCacheIntegrationTest extends AbstractResponseCacheContractTest {
  private StoresOnEmulator stores;

  @Override
  protected ResponseCache newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().cache();
  }

  @Override
  protected ResponseCache reopen(ResponseCache cache) {
    return stores.reopen().cache();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
