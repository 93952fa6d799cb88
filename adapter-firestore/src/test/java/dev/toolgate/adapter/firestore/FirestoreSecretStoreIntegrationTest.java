package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.testing.AbstractSecretStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreSecretStoreIntegrationTest extends AbstractSecretStoreContractTest {
  private StoresOnEmulator stores;

  @Override
  protected SecretStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().secrets();
  }

  @Override
  protected SecretStore reopen(SecretStore store) {
    return stores.reopen().secrets();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
