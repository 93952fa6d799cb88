package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.StateStores;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every in-memory fake as one {@link StateStores}, for tests and for trying Toolgate without a file.
 * Nothing survives the instance; {@link #close()} only makes {@link #healthy()} answer false (the
 * fakes keep working, unlike a persistent store's ports).
 */
public final class InMemoryStores implements StateStores {
  private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
  private final InMemoryClientProfileStore clientProfiles = new InMemoryClientProfileStore();
  private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryResponseCache cache = new InMemoryResponseCache();
  private final InMemoryUsageLedger usage = new InMemoryUsageLedger();
  private final InMemoryChatSessionStore chatSessions = new InMemoryChatSessionStore();
  private final InMemorySecretStore secrets = new InMemorySecretStore();
  private final InMemorySupportDesk supportDesk;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** {@code clock} stamps the support desk's new tickets and messages. */
  public InMemoryStores(Clock clock) {
    this.supportDesk = new InMemorySupportDesk(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public InMemoryApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public InMemoryClientProfileStore clientProfiles() {
    return clientProfiles;
  }

  @Override
  public InMemoryIdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public InMemoryApprovalStore approvals() {
    return approvals;
  }

  @Override
  public InMemoryAuditLog audit() {
    return audit;
  }

  @Override
  public InMemoryResponseCache cache() {
    return cache;
  }

  @Override
  public InMemoryUsageLedger usage() {
    return usage;
  }

  @Override
  public InMemoryChatSessionStore chatSessions() {
    return chatSessions;
  }

  @Override
  public InMemorySecretStore secrets() {
    return secrets;
  }

  @Override
  public InMemorySupportDesk supportDesk() {
    return supportDesk;
  }

  @Override
  public boolean healthy() {
    return !closed.get();
  }

  @Override
  public String describe() {
    return "in-memory";
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
