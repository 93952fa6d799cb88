package dev.toolgate.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.toolgate.adapter.firestore.FirestoreStores;
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;

/**
 * Binds the one {@link StateStores} that {@link Settings#store()} selects (the SQLite file in the data
 * directory, or Firestore), and every state port to that instance's. The store is opened on first
 * injection, so installing the module does no I/O.
 */
final class StoreModule extends AbstractModule {
  private final Settings settings;

  StoreModule(Settings settings) {
    this.settings = settings;
  }

  @Provides
  @Singleton
  StateStores stores() {
    return switch (settings.store().kind()) {
      case SQLITE -> SqliteStores.open(new SqliteConfig(settings.dataDir().resolve(ToolgateModule.DATABASE_FILE)));
      case FIRESTORE -> FirestoreStores.open(settings.store().firestore());
    };
  }

  @Provides
  ApiKeyStore apiKeys(StateStores stores) {
    return stores.apiKeys();
  }

  @Provides
  ClientProfileStore clientProfiles(StateStores stores) {
    return stores.clientProfiles();
  }

  @Provides
  IdempotencyStore idempotency(StateStores stores) {
    return stores.idempotency();
  }

  @Provides
  ApprovalStore approvals(StateStores stores) {
    return stores.approvals();
  }

  @Provides
  AuditLog audit(StateStores stores) {
    return stores.audit();
  }

  @Provides
  ResponseCache cache(StateStores stores) {
    return stores.cache();
  }

  @Provides
  UsageLedger usage(StateStores stores) {
    return stores.usage();
  }

  @Provides
  SupportDesk supportDesk(StateStores stores) {
    return stores.supportDesk();
  }

  @Provides
  ChatSessionStore chatSessions(StateStores stores) {
    return stores.chatSessions();
  }

  @Provides
  SecretStore secrets(StateStores stores) {
    return stores.secrets();
  }
}
