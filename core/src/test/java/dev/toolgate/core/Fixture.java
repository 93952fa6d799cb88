package dev.toolgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import dev.toolgate.ports.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** In-memory stores, a movable clock and test tools, with gateways built over them. */
final class Fixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
  final InMemoryClientProfileStore clients = new InMemoryClientProfileStore();
  final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  final InMemoryResponseCache cache = new InMemoryResponseCache();
  final InMemoryUsageLedger usage = new InMemoryUsageLedger();
  final TestTools tools = new TestTools();
  AuditLog audit = new InMemoryAuditLog();

  private final List<Toolgate> built = new ArrayList<>();

  ToolgateBuilder builder(GatewayConfig config) {
    return Toolgate.builder()
        .apiKeys(keys)
        .clientProfiles(clients)
        .idempotency(idempotency)
        .approvals(approvals)
        .audit(audit)
        .cache(cache)
        .usage(usage)
        .toolProvider(tools)
        .config(config)
        .clock(clock);
  }

  /** A gateway over this fixture's stores; closed with the fixture. */
  Toolgate gateway(GatewayConfig config) {
    Toolgate gateway = builder(config).build();
    built.add(gateway);
    return gateway;
  }

  Toolgate gateway() {
    return gateway(GatewayConfig.defaults());
  }

  static ToolOutcome call(Toolgate gateway, Principal principal, String tool, String json, String idempotencyKey) {
    return gateway
        .calls()
        .call(new CallToolCommand(principal, tool, json == null ? null : Json.parse(json), idempotencyKey,
            "req-" + System.nanoTime()));
  }

  static ToolOutcome call(Toolgate gateway, Principal principal, String tool, String json) {
    return call(gateway, principal, tool, json, null);
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  List<AuditRecord> auditRecords() {
    return audit.read(AuditQuery.page(null, AuditQuery.MAX_LIMIT));
  }

  /** The idempotency keys the test tools were invoked with, in order. */
  List<String> invocationKeys() {
    return tools.invocations().stream().map(i -> i.idempotencyKey()).toList();
  }

  static Principal principal(String keyId, Role... roles) {
    return new Principal(keyId, keyId, Set.of(roles), null, Set.of(), Set.of(), null);
  }

  static Principal agent(String keyId) {
    return principal(keyId, Role.AGENT);
  }

  static Principal clientAgent(String keyId, String clientKey) {
    return new Principal(keyId, keyId, Set.of(Role.AGENT), clientKey, Set.of(), Set.of(), null);
  }

  static Principal limitedAgent(String keyId, RateLimitSpec limit) {
    return new Principal(keyId, keyId, Set.of(Role.AGENT), null, Set.of(), Set.of(), limit);
  }

  @Override
  public void close() {
    built.forEach(Toolgate::close);
  }
}
