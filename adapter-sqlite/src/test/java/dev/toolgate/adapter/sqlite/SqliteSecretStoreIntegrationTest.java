package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.testing.AbstractSecretStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSecretStoreIntegrationTest extends AbstractSecretStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected SecretStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().secrets();
  }

  @Override
  protected SecretStore reopen(SecretStore store) {
    return file.reopen().secrets();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
