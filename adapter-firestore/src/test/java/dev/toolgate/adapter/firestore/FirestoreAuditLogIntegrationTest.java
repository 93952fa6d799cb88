package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.AbstractAuditLogContractTest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditLogIntegrationTest extends AbstractAuditLogContractTest {
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

  @Override
  protected AuditLog sibling(AuditLog log) {
    return stores.sibling().audit();
  }

  @Test
  void concurrentAppendsOnOneInstanceAreCommittedInBatches() throws Exception {
    FirestoreAuditLog log = (FirestoreAuditLog) newStore(Clock.systemUTC());
    int appends = 60;

    List<AuditRecord> records =
        GroupCommitTest.runConcurrently(appends, i -> log.append(entry(i)));

    assertThat(records).extracting(AuditRecord::seq).doesNotHaveDuplicates().hasSize(appends);
    assertThat(records).extracting(AuditRecord::chain).containsOnly(records.get(0).chain());
    assertThat(log.writer().commits()).isLessThan(appends / 2);
  }

  @Test
  void eachInstanceAppendsToAChainOfItsOwn() {
    AuditLog first = newStore(Clock.systemUTC());
    AuditLog second = stores.sibling().audit();

    AuditRecord a = first.append(entry(1));
    AuditRecord b = second.append(entry(2));

    assertThat(a.chain()).isNotEqualTo(b.chain()).startsWith("w-");
    assertThat(List.of(a.seq(), b.seq())).containsExactly(1L, 1L);
    assertThat(first.chains()).containsExactlyInAnyOrder(a.chain(), b.chain());
  }

  @Test
  void aFailedCommitEndsTheChainAndTheNextAppendStartsANewOne() {
    AuditLog log = newStore(Clock.systemUTC());
    AuditRecord first = log.append(entry(1));
    // Someone else's document where record 2 would go: the commit creating it fails.
    stores.byHand(plain -> plain.collection(CollectionNames.AUDIT_CHAINS).document(first.chain())
        .collection(CollectionNames.AUDIT_RECORDS).document(FirestoreAuditLog.id(2)).create(Map.of("seq", 2)).get());

    assertThatThrownBy(() -> log.append(entry(2))).isInstanceOf(PortException.class);
    AuditRecord next = log.append(entry(3));

    assertThat(next.chain()).isNotEqualTo(first.chain());
    assertThat(next.seq()).isEqualTo(1);
    assertThat(next.prevHash()).isEqualTo(AuditRecord.GENESIS);
    assertThat(log.read(AuditQuery.chainPage(next.chain(), null, 10))).containsExactly(next);
  }

  @Test
  void readsTheSingleChainOfEarlierVersionsAsTheMainChain() {
    AuditLog log = newStore(Clock.systemUTC());
    // As earlier versions wrote it: audit_log/<seq>, no chain field, hashes not naming a chain.
    AuditRecord one = AuditRecord.chain(1, entry(1), AuditRecord.GENESIS);
    AuditRecord two = AuditRecord.chain(2, entry(2), one.hash());
    stores.byHand(plain -> {
      for (AuditRecord legacy : List.of(one, two)) {
        Map<String, Object> fields = new HashMap<>(FirestoreAuditLog.fields(legacy));
        fields.remove("chain");
        plain.collection(CollectionNames.AUDIT).document(FirestoreAuditLog.id(legacy.seq())).create(fields).get();
      }
      return null;
    });

    AuditRecord appended = log.append(entry(3));

    assertThat(log.chains()).containsExactlyInAnyOrder(AuditRecord.MAIN_CHAIN, appended.chain());
    assertThat(log.read(AuditQuery.chainPage(AuditRecord.MAIN_CHAIN, null, 10))).containsExactly(one, two);
    assertThat(log.read(AuditQuery.page(null, 10))).containsExactly(one, two, appended);
    assertThat(appended.seq()).isEqualTo(1);
  }

  private static AuditEntry entry(int i) {
    return new AuditEntry(
        Instant.parse("2026-03-01T00:00:00Z").plusMillis(i), "req-" + i, "key_a", "acme", "search_customer",
        Json.object().put("i", i), "executed", null, 3, Json.object());
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
