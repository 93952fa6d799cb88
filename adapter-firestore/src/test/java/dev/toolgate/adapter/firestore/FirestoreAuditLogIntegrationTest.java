package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.testing.AbstractAuditLogContractTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
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
  void concurrentAppendsOnOneInstanceMoveTheHeadOncePerBatch() throws Exception {
    FirestoreAuditLog log = (FirestoreAuditLog) newStore(Clock.systemUTC());
    int appends = 60;

    List<AuditRecord> records =
        GroupCommitTest.runConcurrently(appends, i -> log.append(entry(i)));

    assertThat(records).extracting(AuditRecord::seq).doesNotHaveDuplicates().hasSize(appends);
    assertThat(log.last().orElseThrow().seq()).isEqualTo(appends);
    assertThat(log.headMoves()).isLessThan(appends / 2);
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
