package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.testing.AbstractUsageLedgerContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreUsageLedgerIntegrationTest extends AbstractUsageLedgerContractTest {
  private StoresOnEmulator stores;

  @Override
  protected UsageLedger newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().usage();
  }

  @Override
  protected UsageLedger reopen(UsageLedger ledger) {
    return stores.reopen().usage();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
