package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulator;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAdapterModuleIntegrationTest {
  @Test
  void doesNoIoWhenInstalled() {
    // Nothing listens on port 9; creating the injector must not try.
    Injector injector = Guice.createInjector(new FirestoreAdapterModule(FirestoreConfig.emulator("toolgate-it", "127.0.0.1:9")));

    assertThat(injector.getBinding(FirestoreStores.class)).isNotNull();
  }

  @Test
  void opensOnFirstUseAndBindsEveryPortToOneStores() {
    Injector injector = Guice.createInjector(new FirestoreAdapterModule(FirestoreEmulator.shared().config()));

    try (FirestoreStores stores = injector.getInstance(FirestoreStores.class)) {
      assertThat(stores.healthy()).isTrue();
      assertThat(injector.getInstance(FirestoreStores.class)).isSameAs(stores);
      assertThat(injector.getInstance(ApiKeyStore.class)).isSameAs(stores.apiKeys());
      assertThat(injector.getInstance(ClientProfileStore.class)).isSameAs(stores.clientProfiles());
      assertThat(injector.getInstance(IdempotencyStore.class)).isSameAs(stores.idempotency());
      assertThat(injector.getInstance(ApprovalStore.class)).isSameAs(stores.approvals());
      assertThat(injector.getInstance(AuditLog.class)).isSameAs(stores.audit());
      assertThat(injector.getInstance(ResponseCache.class)).isSameAs(stores.cache());
      assertThat(injector.getInstance(UsageLedger.class)).isSameAs(stores.usage());
      assertThat(injector.getInstance(SupportDesk.class)).isSameAs(stores.supportDesk());
      assertThat(injector.getInstance(ChatSessionStore.class)).isSameAs(stores.chatSessions());
      assertThat(injector.getInstance(SecretStore.class)).isSameAs(stores.secrets());
    }
  }
}
