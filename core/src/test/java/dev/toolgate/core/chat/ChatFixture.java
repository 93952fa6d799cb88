package dev.toolgate.core.chat;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.ToolgateBuilder;
import dev.toolgate.core.secret.MasterKey;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryChatSessionStore;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemorySecretStore;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import dev.toolgate.ports.testing.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A gateway with chat over in-memory stores, the sample backend and optionally a stand-in Klaviyo backend. */
final class ChatFixture implements AutoCloseable {
  final MutableClock clock;
  final InMemoryClientProfileStore clients = new InMemoryClientProfileStore();
  final InMemoryChatSessionStore sessions = new InMemoryChatSessionStore();
  final InMemorySecretStore secrets = new InMemorySecretStore();
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final InMemoryResponseCache cache = new InMemoryResponseCache();
  final InMemoryUsageLedger usage = new InMemoryUsageLedger();
  final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
  final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  final MasterKey masterKey = MasterKey.generate();
  final Toolgate gateway;

  ChatFixture(Instant now, MarketingAnalytics klaviyo) {
    this(now, klaviyo, GatewayConfig.defaults());
  }

  ChatFixture(Instant now, MarketingAnalytics klaviyo, GatewayConfig config) {
    this(now, klaviyo, config, builder -> {});
  }

  /** {@code more} adds to the builder, e.g. a planner or a tool provider. */
  ChatFixture(Instant now, MarketingAnalytics klaviyo, GatewayConfig config, Consumer<ToolgateBuilder> more) {
    clock = new MutableClock(now);
    gateway = gateway(klaviyo, config, more);
  }

  /**
   * Another gateway on this fixture's stores and clock, as a second instance (or the same process
   * after a restart) would be; the caller closes it.
   */
  Toolgate gateway(MarketingAnalytics klaviyo, GatewayConfig config, Consumer<ToolgateBuilder> more) {
    ToolgateBuilder builder =
        Toolgate.builder()
            .apiKeys(apiKeys)
            .clientProfiles(clients)
            .idempotency(idempotency)
            .approvals(approvals)
            .audit(audit)
            .cache(cache)
            .usage(usage)
            .marketing(klaviyo == null ? Map.of() : Map.of(MarketingBackend.KLAVIYO, klaviyo))
            .secrets(secrets, masterKey)
            .chatSessions(sessions)
            .config(config)
            .clock(clock);
    more.accept(builder);
    return builder.build();
  }

  ClientProfile client(String key, String zone, MarketingBackend backend) {
    ClientProfile profile =
        new ClientProfile(key, "Client " + key, ZoneId.of(zone), Set.of(), Set.of(), null, backend);
    clients.upsert(profile);
    return profile;
  }

  static Principal admin() {
    return new Principal("admin1", "admin", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null);
  }

  static Principal agent() {
    return new Principal("agent1", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);
  }

  ChatOutcome ask(Principal who, String client, String text, String session) {
    return gateway.chat().chat(new ChatCommand(who, client, text, session, "req-" + System.nanoTime()));
  }

  ChatAnswer answer(String client, String text) {
    return answer(client, text, null);
  }

  ChatAnswer answer(String client, String text, String session) {
    ChatOutcome outcome = ask(agent(), client, text, session);
    if (outcome instanceof ChatOutcome.Answered answered) {
      return answered.answer();
    }
    throw new AssertionError("expected an answer to '" + text + "', got " + outcome);
  }

  @Override
  public void close() {
    gateway.close();
  }
}
