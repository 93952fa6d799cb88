package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.testing.AbstractUsageLedgerContractTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
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

  @Test
  void incrementsOfOneToolAreSpreadOverShardDocumentsAndSummedOnRead() {
    UsageLedger ledger = newStore(Clock.systemUTC());
    LocalDate day = LocalDate.of(2026, 3, 1);
    int calls = 64;
    for (int i = 0; i < calls; i++) {
      ledger.record(new UsageEvent(day, "acme", "chat", i % 4 == 0, 10, 3, 2, new BigDecimal("0.001")));
    }

    assertThat(ledger.query(day, day, "acme"))
        .containsExactly(new UsageRow(
            day, "acme", "chat", calls, calls / 4, 10L * calls, 3L * calls, 2L * calls, new BigDecimal("0.064")));
    int documents =
        stores.byHand(firestore -> firestore.collection(CollectionNames.USAGE).get().get().size());
    // 64 random picks among 16 shards land on a single document with probability 16^-63.
    assertThat(documents).isGreaterThan(1).isLessThanOrEqualTo(FirestoreUsageLedger.SHARDS);
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
