package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.testing.AbstractUsageLedgerContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteUsageLedgerIntegrationTest extends AbstractUsageLedgerContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected UsageLedger newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().usage();
  }

  @Override
  protected UsageLedger reopen(UsageLedger store) {
    return file.reopen().usage();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
