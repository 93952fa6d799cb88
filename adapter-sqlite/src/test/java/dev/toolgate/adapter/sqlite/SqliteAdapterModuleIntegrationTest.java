package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAdapterModuleIntegrationTest {
  @TempDir Path directory;

  @Test
  void opensTheFileOnFirstUseAndBindsEveryPortToOneStores() {
    SqliteConfig config = new SqliteConfig(directory.resolve("data/toolgate.db"));

    Injector injector = Guice.createInjector(new SqliteAdapterModule(config));
    assertThat(config.databaseFile()).doesNotExist();

    try (SqliteStores stores = injector.getInstance(SqliteStores.class)) {
      assertThat(config.databaseFile()).isRegularFile();
      assertThat(injector.getInstance(SqliteStores.class)).isSameAs(stores);
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
