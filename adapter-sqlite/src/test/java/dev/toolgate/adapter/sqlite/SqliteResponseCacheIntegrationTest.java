package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.testing.AbstractResponseCacheContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteResponseCacheIntegrationTest extends AbstractResponseCacheContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected ResponseCache newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().cache();
  }

  @Override
  protected ResponseCache reopen(ResponseCache store) {
    return file.reopen().cache();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
