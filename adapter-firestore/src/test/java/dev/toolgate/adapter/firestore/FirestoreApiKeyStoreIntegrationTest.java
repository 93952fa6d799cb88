package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.testing.AbstractApiKeyStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreApiKeyStoreIntegrationTest extends AbstractApiKeyStoreContractTest {
  private StoresOnEmulator stores;

  @Override
  protected ApiKeyStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().apiKeys();
  }

  @Override
  protected ApiKeyStore reopen(ApiKeyStore store) {
    return stores.reopen().apiKeys();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
