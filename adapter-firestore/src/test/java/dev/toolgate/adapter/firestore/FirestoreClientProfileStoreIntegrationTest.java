package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.testing.AbstractClientProfileStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreClientProfileStoreIntegrationTest extends AbstractClientProfileStoreContractTest {
  private StoresOnEmulator stores;

  // The suite starts from an empty store, so the demo client seeded on first start is removed (and,
  // since the collection is refilled before any reopen, not seeded again).
  @Override
  protected ClientProfileStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    FirestoreStores opened = stores.open();
    stores.deleteSeededClients();
    return opened.clientProfiles();
  }

  @Override
  protected ClientProfileStore reopen(ClientProfileStore store) {
    return stores.reopen().clientProfiles();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
