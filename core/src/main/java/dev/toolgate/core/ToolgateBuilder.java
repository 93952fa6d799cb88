package dev.toolgate.core;

import dev.toolgate.core.support.SupportToolset;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Assembles a {@link Toolgate} from port implementations. Every state port is required;
 * {@link #build()} names the first one missing.
 *
 * <pre>{@code
 * Toolgate gateway = Toolgate.builder()
 *     .apiKeys(keys).clientProfiles(clients).idempotency(idem).approvals(approvals)
 *     .audit(audit).cache(cache).usage(usage)
 *     .supportDesk(desk)              // adds the built-in support toolset
 *     .toolProvider(myTools)          // your own tools
 *     .config(GatewayConfig.defaults())
 *     .build();
 * }</pre>
 *
 * <p>{@link #build()} asks every provider for its tools once, and fails with
 * {@link IllegalStateException} if two tools share a name (naming both providers) or a tool's input
 * schema is not a valid JSON Schema.
 */
public final class ToolgateBuilder {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ApiKeyStore apiKeys;
  private ClientProfileStore clientProfiles;
  private IdempotencyStore idempotency;
  private ApprovalStore approvals;
  private AuditLog audit;
  private ResponseCache cache;
  private UsageLedger usage;
  private final List<ToolProvider> providers = new ArrayList<>();
  private final List<ApiKeyService.FixedKey> fixedKeys = new ArrayList<>();
  private GatewayConfig config = GatewayConfig.defaults();
  private Clock clock = Clock.systemUTC();

  ToolgateBuilder() {}

  public ToolgateBuilder apiKeys(ApiKeyStore store) {
    this.apiKeys = Objects.requireNonNull(store, "store");
    return this;
  }

  public ToolgateBuilder clientProfiles(ClientProfileStore store) {
    this.clientProfiles = Objects.requireNonNull(store, "store");
    return this;
  }

  public ToolgateBuilder idempotency(IdempotencyStore store) {
    this.idempotency = Objects.requireNonNull(store, "store");
    return this;
  }

  public ToolgateBuilder approvals(ApprovalStore store) {
    this.approvals = Objects.requireNonNull(store, "store");
    return this;
  }

  public ToolgateBuilder audit(AuditLog log) {
    this.audit = Objects.requireNonNull(log, "log");
    return this;
  }

  public ToolgateBuilder cache(ResponseCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
    return this;
  }

  public ToolgateBuilder usage(UsageLedger ledger) {
    this.usage = Objects.requireNonNull(ledger, "ledger");
    return this;
  }

  /** Adds the built-in support toolset (seed 001) over this desk. */
  public ToolgateBuilder supportDesk(SupportDesk desk) {
    return toolProvider(new SupportToolset(Objects.requireNonNull(desk, "desk")));
  }

  /** Adds a tool provider; may be called several times. */
  public ToolgateBuilder toolProvider(ToolProvider provider) {
    providers.add(Objects.requireNonNull(provider, "provider"));
    return this;
  }

  public ToolgateBuilder config(GatewayConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  public ToolgateBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Accepts a fixed key (from settings such as {@code API_KEY} or {@code X_PROXY_KEY}) with these
   * roles; it is held only as a hash and compared in constant time. {@code id} is what audit shows.
   */
  public ToolgateBuilder fixedKey(String id, String secret, Set<Role> roles) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(roles, "roles");
    if (!KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("fixed key id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
    }
    if (secret.isBlank()) {
      throw new IllegalArgumentException("fixed key '" + id + "' has a blank secret");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("fixed key '" + id + "' needs at least one role");
    }
    if (fixedKeys.stream().anyMatch(key -> key.id().equals(id))) {
      throw new IllegalArgumentException("fixed key id '" + id + "' is given twice");
    }
    fixedKeys.add(new ApiKeyService.FixedKey(id, ApiKeyService.hashOf(secret.strip()), roles));
    return this;
  }

  public Toolgate build() {
    require(apiKeys, "apiKeys");
    require(clientProfiles, "clientProfiles");
    require(idempotency, "idempotency");
    require(approvals, "approvals");
    require(audit, "audit");
    require(cache, "cache");
    require(usage, "usage");

    ToolRegistry registry = ToolRegistry.of(providers);
    ArgumentValidator validator = ArgumentValidator.compile(registry.all());
    PolicyEngine policy = new PolicyEngine(config);
    Ids ids = new Ids();
    ToolRunner runner = new ToolRunner(config.executionTimeout());
    ApprovalService approvalService =
        new ApprovalService(approvals, idempotency, registry, validator, runner, audit, config, clock, ids);
    CallToolService calls =
        new CallToolService(
            registry, policy, clientProfiles, new RateLimits(config, clock), validator, idempotency,
            approvalService, cache, runner, audit, usage, config, clock);
    return new AssembledToolgate(
        calls,
        new ToolCatalogService(registry, policy, clientProfiles),
        approvalService,
        new AuditService(audit),
        new ApiKeyService(apiKeys, fixedKeys, clock, ids),
        new UsageService(usage),
        config,
        runner);
  }

  private static void require(Object port, String setter) {
    if (port == null) {
      throw new IllegalStateException("Toolgate.builder() needs " + setter + "(...) before build()");
    }
  }
}
