package dev.toolgate.adapter.firestore;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every state port of Toolgate on one Firestore database — the way to use this adapter without Guice.
 *
 * <pre>{@code
 * try (FirestoreStores stores = FirestoreStores.open(FirestoreConfig.cloud("acme-toolgate"))) {
 *   Toolgate gateway = Toolgate.builder()
 *       .stores(stores)                      // every state port
 *       .supportDesk(stores.supportDesk())   // the built-in support tools (optional)
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <p>All stores share one client and are thread-safe. Any number of gateway instances (processes,
 * machines) may open the same database: the operations the ports promise to be atomic run as
 * optimistic transactions (one conditional commit, retried after reading again when it loses a
 * race), audit records go to a chain per process, and each process writes its usage counts to
 * documents of its own once a second (see ADR 0012). Failures are the ports'
 * exceptions: {@link UnavailableException} (retryable) when Firestore cannot be reached, does not
 * answer within 30 s or stays too contended; after {@link #close()} every store fails with it too.
 */
public final class FirestoreStores implements StateStores {
  /** How long start-up waits for Firestore's first answer before giving up. */
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

  private final FirestoreDatabase db;
  private final ApiKeyStore apiKeys;
  private final ClientProfileStore clientProfiles;
  private final IdempotencyStore idempotency;
  private final ApprovalStore approvals;
  private final AuditLog audit;
  private final ResponseCache cache;
  private final FirestoreUsageLedger usage;
  private final SupportDesk supportDesk;
  private final ChatSessionStore chatSessions;
  private final SecretStore secrets;

  private FirestoreStores(FirestoreDatabase db, Clock clock) {
    this.db = db;
    this.apiKeys = new FirestoreApiKeyStore(db);
    this.clientProfiles = new FirestoreClientProfileStore(db);
    this.idempotency = new FirestoreIdempotencyStore(db);
    this.approvals = new FirestoreApprovalStore(db);
    this.audit = new FirestoreAuditLog(db, clock);
    this.cache = new FirestoreResponseCache(db);
    this.usage = new FirestoreUsageLedger(db, WriterIds.next(clock));
    this.supportDesk = new FirestoreSupportDesk(db, clock);
    this.chatSessions = new FirestoreChatSessionStore(db);
    this.secrets = new FirestoreSecretStore(db);
  }

  /**
   * Connects, checks that the database's layout is one this Toolgate reads and, on a new database,
   * seeds the demo support desk and the {@code demo} client.
   *
   * @throws PortException if the credentials cannot be loaded or are refused, or the database was
   *     written by a newer Toolgate; an {@link UnavailableException} if Firestore does not answer
   *     within 20 s
   */
  public static FirestoreStores open(FirestoreConfig config) {
    return open(config, Clock.systemUTC(), OPEN_TIMEOUT);
  }

  /** {@link #open(FirestoreConfig)} with the clock that stamps new tickets and messages, and the start-up timeout. */
  static FirestoreStores open(FirestoreConfig config, Clock clock, Duration openTimeout) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    FirestoreDatabase db = new FirestoreDatabase(FirestoreClients.connect(config), config);
    try {
      try {
        Layout.check(db, openTimeout);
      } catch (UnavailableException e) {
        throw new UnavailableException("cannot reach Firestore " + config.describe() + ": " + e.getMessage(), e);
      }
      DemoData.seed(db);
      return new FirestoreStores(db, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public ClientProfileStore clientProfiles() {
    return clientProfiles;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public ApprovalStore approvals() {
    return approvals;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public ResponseCache cache() {
    return cache;
  }

  @Override
  public UsageLedger usage() {
    return usage;
  }

  @Override
  public SupportDesk supportDesk() {
    return supportDesk;
  }

  @Override
  public ChatSessionStore chatSessions() {
    return chatSessions;
  }

  /** Clients' third-party secrets; the store receives and returns ciphertext only. */
  @Override
  public SecretStore secrets() {
    return secrets;
  }

  /** Which database these stores use, e.g. {@code firestore projects/p/databases/(default) on Google Cloud}. */
  @Override
  public String describe() {
    return "firestore " + db.config().describe();
  }

  /** Whether Firestore answers a one-document read within 3 s; for readiness checks, never throws. */
  @Override
  public boolean healthy() {
    return db.healthy(HEALTH_TIMEOUT);
  }

  /** Writes the usage counts not yet written, then closes the client and its connections; idempotent. */
  @Override
  public void close() {
    usage.close();
    db.close();
  }
}
