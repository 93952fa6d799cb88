package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.testing.AbstractAuditRetentionContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditRetentionIntegrationTest extends AbstractAuditRetentionContractTest {
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

  @AfterEach
  void closeFile() {
    file.close();
  }
}
