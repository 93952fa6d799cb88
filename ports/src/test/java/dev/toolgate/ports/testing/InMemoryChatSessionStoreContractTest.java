package dev.toolgate.ports.testing;

import dev.toolgate.ports.chat.ChatSessionStore;
import java.time.Clock;

class InMemoryChatSessionStoreContractTest extends AbstractChatSessionStoreContractTest {
  @Override
  protected ChatSessionStore newStore(Clock clock) {
    return new InMemoryChatSessionStore();
  }
}
