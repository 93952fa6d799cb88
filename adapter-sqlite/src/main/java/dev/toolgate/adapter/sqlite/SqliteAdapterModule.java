package dev.toolgate.adapter.sqlite;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
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
import java.util.Objects;

/**
 * Binds every state port ({@link ApiKeyStore}, {@link ClientProfileStore}, {@link IdempotencyStore},
 * {@link ApprovalStore}, {@link AuditLog}, {@link ResponseCache}, {@link UsageLedger},
 * {@link SupportDesk}, {@link ChatSessionStore}, {@link SecretStore}) to one {@link SqliteStores} on the configured file, and binds that
 * {@code SqliteStores} too (also as {@link StateStores}) so the app can check its health and close it on shutdown.
 *
 * <p>Installing the module does no I/O: the file is opened when the first of these is injected.
 */
public final class SqliteAdapterModule extends AbstractModule {
  private final SqliteConfig config;

  public SqliteAdapterModule(SqliteConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Provides
  @Singleton
  SqliteStores stores() {
    return SqliteStores.open(config);
  }

  @Provides
  StateStores stateStores(SqliteStores stores) {
    return stores;
  }

  @Provides
  ApiKeyStore apiKeys(SqliteStores stores) {
    return stores.apiKeys();
  }

  @Provides
  ClientProfileStore clientProfiles(SqliteStores stores) {
    return stores.clientProfiles();
  }

  @Provides
  IdempotencyStore idempotency(SqliteStores stores) {
    return stores.idempotency();
  }

  @Provides
  ApprovalStore approvals(SqliteStores stores) {
    return stores.approvals();
  }

  @Provides
  AuditLog audit(SqliteStores stores) {
    return stores.audit();
  }

  @Provides
  ResponseCache cache(SqliteStores stores) {
    return stores.cache();
  }

  @Provides
  UsageLedger usage(SqliteStores stores) {
    return stores.usage();
  }

  @Provides
  SupportDesk supportDesk(SqliteStores stores) {
    return stores.supportDesk();
  }

  @Provides
  ChatSessionStore chatSessions(SqliteStores stores) {
    return stores.chatSessions();
  }

  @Provides
  SecretStore secrets(SqliteStores stores) {
    return stores.secrets();
  }
}
