package dev.toolgate.ports.state;

import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.support.SupportDesk;

/**
 * Every state port of Toolgate on one store, opened together and closed together: what a state
 * adapter (SQLite, Firestore, the test-jar's in-memory set) offers as a whole. The apps bind one
 * instance and take every port from it; {@code ToolgateBuilder.stores(StateStores)} does the same
 * for embedders.
 *
 * <p>Each getter returns the same thread-safe instance on every call, never null. After
 * {@link #close()} a persistent store's ports fail with a retryable
 * {@link dev.toolgate.ports.UnavailableException}, and {@link #healthy()} answers false.
 */
public interface StateStores extends AutoCloseable {
  ApiKeyStore apiKeys();

  ClientProfileStore clientProfiles();

  IdempotencyStore idempotency();

  ApprovalStore approvals();

  AuditLog audit();

  ResponseCache cache();

  UsageLedger usage();

  ChatSessionStore chatSessions();

  /** Clients' third-party secrets; the store receives and returns ciphertext only. */
  SecretStore secrets();

  SupportDesk supportDesk();

  /**
   * How to make several writes of one call commit together on this store; {@link CommitGroup#SEPARATE}
   * (each write on its own) unless the store can do better.
   */
  default CommitGroup commitGroup() {
    return CommitGroup.SEPARATE;
  }

  /** Whether the store answers a trivial request now; for readiness checks. Never throws. */
  boolean healthy();

  /**
   * Which store this is, for logs and start-up lines, e.g. {@code sqlite /srv/toolgate/data/toolgate.db}
   * or {@code firestore projects/p/databases/(default) on Google Cloud}. Never contains a secret.
   */
  String describe();

  /** Releases the store's connections; idempotent. Never throws a checked exception. */
  @Override
  void close();
}
