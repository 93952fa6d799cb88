package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.testing.AbstractClientProfileStoreContractTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteClientProfileStoreIntegrationTest extends AbstractClientProfileStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  // The suite starts from an empty store, so the demo client seeded on first start is removed (and,
  // since the table is then refilled before any reopen, not seeded again).
  @Override
  protected ClientProfileStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    SqliteStores stores = file.open();
    try {
      file.deleteSeededClients();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return stores.clientProfiles();
  }

  @Override
  protected ClientProfileStore reopen(ClientProfileStore store) {
    return file.reopen().clientProfiles();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
