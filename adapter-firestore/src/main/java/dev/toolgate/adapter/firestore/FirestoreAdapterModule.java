package dev.toolgate.adapter.firestore;

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
 * {@link SupportDesk}, {@link ChatSessionStore}, {@link SecretStore}) to one {@link FirestoreStores} on
 * the configured database, and binds that {@code FirestoreStores} too (also as {@link StateStores}) so the app can check its
 * health and close it on shutdown.
 *
 * <p>Installing the module does no I/O: Firestore is contacted when the first of these is injected.
 */
public final class FirestoreAdapterModule extends AbstractModule {
  private final FirestoreConfig config;

  public FirestoreAdapterModule(FirestoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Provides
  @Singleton
  FirestoreStores stores() {
    return FirestoreStores.open(config);
  }

  @Provides
  StateStores stateStores(FirestoreStores stores) {
    return stores;
  }

  @Provides
  ApiKeyStore apiKeys(FirestoreStores stores) {
    return stores.apiKeys();
  }

  @Provides
  ClientProfileStore clientProfiles(FirestoreStores stores) {
    return stores.clientProfiles();
  }

  @Provides
  IdempotencyStore idempotency(FirestoreStores stores) {
    return stores.idempotency();
  }

  @Provides
  ApprovalStore approvals(FirestoreStores stores) {
    return stores.approvals();
  }

  @Provides
  AuditLog audit(FirestoreStores stores) {
    return stores.audit();
  }

  @Provides
  ResponseCache cache(FirestoreStores stores) {
    return stores.cache();
  }

  @Provides
  UsageLedger usage(FirestoreStores stores) {
    return stores.usage();
  }

  @Provides
  SupportDesk supportDesk(FirestoreStores stores) {
    return stores.supportDesk();
  }

  @Provides
  ChatSessionStore chatSessions(FirestoreStores stores) {
    return stores.chatSessions();
  }

  @Provides
  SecretStore secrets(FirestoreStores stores) {
    return stores.secrets();
  }
}
