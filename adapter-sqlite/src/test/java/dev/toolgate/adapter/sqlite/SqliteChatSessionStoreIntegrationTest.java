package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.testing.AbstractChatSessionStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteChatSessionStoreIntegrationTest extends AbstractChatSessionStoreContractTest {
  @TempDir Path directory;
  private StoresOnFile file;

  @Override
  protected ChatSessionStore newStore(Clock clock) {
    file = new StoresOnFile(directory, clock);
    return file.open().chatSessions();
  }

  @Override
  protected ChatSessionStore reopen(ChatSessionStore store) {
    return file.reopen().chatSessions();
  }

  @AfterEach
  void closeFile() {
    file.close();
  }
}
