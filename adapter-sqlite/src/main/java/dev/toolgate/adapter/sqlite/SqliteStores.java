package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.CommitGroup;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Every state port of Toolgate on one SQLite file — the way to use this adapter without Guice.
 *
 * <pre>{@code
 * try (SqliteStores stores = SqliteStores.open(new SqliteConfig(Path.of("data/toolgate.db")))) {
 *   Toolgate gateway = Toolgate.builder()
 *       .stores(stores)                      // every state port
 *       .supportDesk(stores.supportDesk())   // the built-in support tools (optional)
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <p>All stores share one writer connection, fed by a group-committing writer thread, and a pool of
 * read-only connections; they are thread-safe. Several processes (or several
 * {@code SqliteStores}) may open the same file: writes are serialized by SQLite's lock, waiting up
 * to five seconds for another writer before failing with a retryable
 * {@link dev.toolgate.ports.UnavailableException}. After {@link #close()} every store fails with that
 * exception.
 */
public final class SqliteStores implements StateStores {
  private final SqliteDatabase database;
  private final Path file;
  private final ApiKeyStore apiKeys;
  private final ClientProfileStore clientProfiles;
  private final IdempotencyStore idempotency;
  private final ApprovalStore approvals;
  private final AuditLog audit;
  private final ResponseCache cache;
  private final UsageLedger usage;
  private final SupportDesk supportDesk;
  private final ChatSessionStore chatSessions;
  private final SecretStore secrets;

  private SqliteStores(SqliteDatabase database, Path file, Clock clock) {
    this.database = database;
    this.file = file;
    this.apiKeys = new SqliteApiKeyStore(database);
    this.clientProfiles = new SqliteClientProfileStore(database);
    this.idempotency = new SqliteIdempotencyStore(database);
    this.approvals = new SqliteApprovalStore(database);
    this.audit = new SqliteAuditLog(database);
    this.cache = new SqliteResponseCache(database);
    this.usage = new SqliteUsageLedger(database);
    this.supportDesk = new SqliteSupportDesk(database, clock);
    this.chatSessions = new SqliteChatSessionStore(database);
    this.secrets = new SqliteSecretStore(database);
  }

  /**
   * Opens the file (creating it and its directories if needed), brings its schema up to date and,
   * on first start, seeds the demo support desk and the {@code demo} client.
   *
   * @throws PortException if the file cannot be opened or was written by a newer schema version;
   *     an {@link dev.toolgate.ports.UnavailableException} when retrying may help (locked, I/O)
   */
  public static SqliteStores open(SqliteConfig config) {
    return open(config, Clock.systemUTC());
  }

  /** {@link #open(SqliteConfig)} with the clock that stamps new tickets and messages (for tests). */
  static SqliteStores open(SqliteConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    SqliteDatabase database = SqliteDatabase.open(config.databaseFile());
    try {
      SchemaMigrations.apply(database);
      DemoData.seed(database);
      return new SqliteStores(database, config.databaseFile(), clock);
    } catch (RuntimeException e) {
      try {
        database.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
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

  /**
   * One write transaction for all of {@code writes}: they run as one job of the group-commit writer
   * (their own writes run inline on its connection), inside its savepoint, so they commit together —
   * with other calls' writes — or not at all.
   */
  @Override
  public CommitGroup commitGroup() {
    return writes -> database.update(connection -> writes.run());
  }

  /** Which file these stores use, e.g. {@code sqlite /srv/toolgate/data/toolgate.db}. */
  @Override
  public String describe() {
    return "sqlite " + file;
  }

  /** Whether the file answers a trivial query ({@code select 1}); for readiness checks, never throws. */
  @Override
  public boolean healthy() {
    return database.healthy();
  }

  /** The connections behind these stores (tests read its commit counters). */
  SqliteDatabase database() {
    return database;
  }

  /** Commits the writes already queued, then closes the connections; idempotent. SQLite folds the WAL back into the main file on the last close. */
  @Override
  public void close() {
    database.close();
  }
}
