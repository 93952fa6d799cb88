package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.testing.AbstractApprovalStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteApprovalStoreIntegrationTest extends AbstractApprovalStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected ApprovalStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().approvals();
  }

  @Override
  protected ApprovalStore reopen(ApprovalStore store) {
    return file.reopen().approvals();
  }

  @Override
  protected ApprovalStore sibling(ApprovalStore store) {
    return file.sibling().approvals();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
