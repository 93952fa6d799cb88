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
import java.util.List;
import com.google.cloud.firestore.QueryDocumentSnapshot;
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
  void addsCallsUpInMemoryAndWritesOneDocumentPerRowAndProcess() {
    FirestoreUsageLedger ledger = (FirestoreUsageLedger) newStore(Clock.systemUTC());
    FirestoreUsageLedger other = (FirestoreUsageLedger) stores.sibling().usage();
    LocalDate day = LocalDate.of(2026, 3, 1);
    int calls = 64;
    for (int i = 0; i < calls; i++) {
      (i % 2 == 0 ? ledger : other).record(new UsageEvent(day, "acme", "chat", i % 4 == 0, 10, 3, 2, new BigDecimal("0.001")));
    }
    UsageRow all = new UsageRow(day, "acme", "chat", calls, calls / 4, 10L * calls, 3L * calls, 2L * calls, new BigDecimal("0.064"));

    ledger.flush();
    other.flush();

    assertThat(ledger.query(day, day, "acme")).containsExactly(all);
    List<QueryDocumentSnapshot> documents = stores.byHand(firestore -> firestore.collection(CollectionNames.USAGE).get().get().getDocuments());
    // One document per process; each written by a flush or two (the schedule may have run once), not per call.
    assertThat(documents).hasSize(2);
    assertThat(documents).allSatisfy(d -> assertThat(d.getLong("flushes")).isBetween(1L, 2L));
    assertThat(documents).extracting(d -> d.getLong("calls")).containsOnly(32L);
  }

  @Test
  void aProcessReadsItsOwnCallsBeforeTheyAreWrittenAndOthersAfter() throws Exception {
    UsageLedger ledger = newStore(Clock.systemUTC());
    UsageLedger other = stores.sibling().usage();
    LocalDate day = LocalDate.of(2026, 3, 1);

    ledger.record(new UsageEvent(day, "acme", "chat", false, 10, 0, 0, BigDecimal.ZERO));

    assertThat(ledger.query(day, day, null)).extracting(UsageRow::calls).containsExactly(1L);
    long deadline = System.nanoTime() + 3 * FirestoreUsageLedger.FLUSH_EVERY.toNanos();
    while (other.query(day, day, null).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(other.query(day, day, null)).extracting(UsageRow::calls).containsExactly(1L);
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
