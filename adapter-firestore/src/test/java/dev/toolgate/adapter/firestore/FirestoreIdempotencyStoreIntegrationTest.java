package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.testing.AbstractIdempotencyStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreIdempotencyStoreIntegrationTest extends AbstractIdempotencyStoreContractTest {
  private StoresOnEmulator stores;

  @Override
  protected IdempotencyStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().idempotency();
  }

  @Override
  protected IdempotencyStore reopen(IdempotencyStore store) {
    return stores.reopen().idempotency();
  }

  @Override
  protected IdempotencyStore sibling(IdempotencyStore store) {
    return stores.sibling().idempotency();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
