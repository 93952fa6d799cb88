package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.testing.AbstractAuditLogContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
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
}
