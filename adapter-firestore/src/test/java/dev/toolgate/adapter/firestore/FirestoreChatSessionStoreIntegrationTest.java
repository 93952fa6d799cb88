package dev.toolgate.adapter.firestore;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.testing.AbstractChatSessionStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreChatSessionStoreIntegrationTest extends AbstractChatSessionStoreContractTest {
  private StoresOnEmulator stores;

  @Override
  protected ChatSessionStore newStore(Clock clock) {
    stores = new StoresOnEmulator(clock);
    return stores.open().chatSessions();
  }

  @Override
  protected ChatSessionStore reopen(ChatSessionStore store) {
    return stores.reopen().chatSessions();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }
}
