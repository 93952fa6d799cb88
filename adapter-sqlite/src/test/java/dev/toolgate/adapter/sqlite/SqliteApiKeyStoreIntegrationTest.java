package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.testing.AbstractApiKeyStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteApiKeyStoreIntegrationTest extends AbstractApiKeyStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected ApiKeyStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().apiKeys();
  }

  @Override
  protected ApiKeyStore reopen(ApiKeyStore store) {
    return file.reopen().apiKeys();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
