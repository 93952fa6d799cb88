package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.testing.AbstractIdempotencyStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdempotencyStoreIntegrationTest extends AbstractIdempotencyStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected IdempotencyStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().idempotency();
  }

  @Override
  protected IdempotencyStore reopen(IdempotencyStore store) {
    return file.reopen().idempotency();
  }

  @Override
  protected IdempotencyStore sibling(IdempotencyStore store) {
    return file.sibling().idempotency();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
