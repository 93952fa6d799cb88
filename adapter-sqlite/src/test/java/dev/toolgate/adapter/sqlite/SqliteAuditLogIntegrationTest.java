package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.AbstractAuditLogContractTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogIntegrationTest extends AbstractAuditLogContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected AuditLog newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().audit();
  }

  @Override
  protected AuditLog reopen(AuditLog store) {
    return file.reopen().audit();
  }

  @Override
  protected AuditLog sibling(AuditLog store) {
    return file.sibling().audit();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }

  @Test
  void anAppendRolledBackWithItsCommitGroupLeavesNoTraceInTheNextSeq() {
    SqliteStores stores = file.reopen();
    AuditRecord first = stores.audit().append(entry(1));

    assertThatThrownBy(() -> stores.commitGroup().together(() -> {
      stores.audit().append(entry(2));
      throw new IllegalStateException("the rest of the call's writes failed");
    })).hasMessageContaining("rest of the call");
    AuditRecord next = stores.audit().append(entry(3));

    assertThat(next.seq()).isEqualTo(2);
    assertThat(next.prevHash()).isEqualTo(first.hash());
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).containsExactly(first, next);
  }

  @Test
  void anAppendAfterTheHeadWasRemovedByHandChainsToTheRecordNowLast() throws Exception {
    SqliteStores stores = file.reopen();
    AuditRecord first = stores.audit().append(entry(1));
    stores.audit().append(entry(2));
    try (Connection plain = file.plainConnection(); Statement statement = plain.createStatement()) {
      statement.executeUpdate("DELETE FROM audit_log WHERE seq = 2");
    }

    AuditRecord next = stores.audit().append(entry(3));

    assertThat(next.seq()).isEqualTo(2);
    assertThat(next.prevHash()).isEqualTo(first.hash());
    assertThat(next.hashValid()).isTrue();
  }

  private static AuditEntry entry(int n) {
    return new AuditEntry(
        Instant.parse("2026-11-01T10:00:00Z").plusSeconds(n), "req-" + n, "k1", "acme", "search_customer",
        Json.parse("{\"n\":" + n + "}"), "executed", null, 3, null);
  }
}
