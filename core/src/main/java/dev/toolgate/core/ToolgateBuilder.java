package dev.toolgate.core;

import dev.toolgate.core.approval.ApprovalGate;
import dev.toolgate.core.approval.ApprovalService;
import dev.toolgate.core.approval.ApprovedRun;
import dev.toolgate.core.audit.AdminAudit;
import dev.toolgate.core.audit.AuditRetention;
import dev.toolgate.core.audit.AuditService;
import dev.toolgate.core.auth.ApiKeyService;
import dev.toolgate.core.cache.ResponseCacheGate;
import dev.toolgate.core.call.CallToolService;
import dev.toolgate.core.call.ToolCatalogService;
import dev.toolgate.core.chat.ChatService;
import dev.toolgate.core.chat.RuleBasedPlanner;
import dev.toolgate.core.chat.model.ModelPlanner;
import dev.toolgate.core.clients.ClientService;
import dev.toolgate.core.clients.SealedModelKeys;
import dev.toolgate.core.idempotency.IdempotencyGate;
import dev.toolgate.core.internal.ArgumentValidator;
import dev.toolgate.core.internal.Ids;
import dev.toolgate.core.internal.PolicyEngine;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.core.internal.ToolRunner;
import dev.toolgate.core.maintenance.MaintenanceService;
import dev.toolgate.core.marketing.MarketingToolset;
import dev.toolgate.core.marketing.ProfileMarketingSources;
import dev.toolgate.core.marketing.SampleMarketingAnalytics;
import dev.toolgate.core.ratelimit.RateLimits;
import dev.toolgate.core.secret.MasterKey;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.core.support.SupportToolset;
import dev.toolgate.core.usage.UsageService;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatSessionStore;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.state.ApprovalStore;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.CommitGroup;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.state.StateStores;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Assembles a {@link Toolgate} from port implementations. Every state port is required (all at
 * once with {@link #stores}); {@link #build()} names the first one missing.
 *
 * <pre>{@code
 * Toolgate gateway = Toolgate.builder()
 *     .stores(stateStores)            // every state port of one store (SQLite, Firestore, ...)
 *     .supportDesk(desk)              // adds the built-in support toolset
 *     .marketing(Map.of())            // adds the marketing toolset (sample data for SAMPLE clients)
 *     .secrets(secretStore, masterKey) // clients' third-party API keys, encrypted with masterKey
 *     .chatSessions(sessions)         // enables chat(), with the rule-based planner by default
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
  private CommitGroup commitGroup = CommitGroup.SEPARATE;
  private final List<ToolProvider> providers = new ArrayList<>();
  private final List<ApiKeyService.FixedKey> fixedKeys = new ArrayList<>();
  private Map<MarketingBackend, MarketingAnalytics> marketing;
  private SecretStore secrets;
  private MasterKey masterKey;
  private ChatSessionStore chatSessions;
  private Planner planner;
  private GatewayConfig config = GatewayConfig.defaults();
  private Executor chatResumes = Runnable::run;
  private Clock clock = Clock.systemUTC();

  ToolgateBuilder() {}

  /**
   * Takes the gateway's state from one store: API keys, client profiles, idempotency records,
   * approvals, audit, cache and usage, and chat sessions (which enables {@link Toolgate#chat()}).
   * Two things stay explicit because they are more than state: the store's support desk becomes
   * tools only through {@link #supportDesk}, and its secret store needs a master key, given with
   * {@link #secrets}. Also takes the store's {@link StateStores#commitGroup()}, so that a call's
   * closing writes commit together. Setters called afterwards replace single ports.
   */
  public ToolgateBuilder stores(StateStores stores) {
    Objects.requireNonNull(stores, "stores");
    return apiKeys(stores.apiKeys())
        .clientProfiles(stores.clientProfiles())
        .idempotency(stores.idempotency())
        .approvals(stores.approvals())
        .audit(stores.audit())
        .cache(stores.cache())
        .usage(stores.usage())
        .chatSessions(stores.chatSessions())
        .commitGroup(stores.commitGroup());
  }

  /**
   * How a call's closing writes (idempotency completion, audit record, usage count) commit together;
   * {@link CommitGroup#SEPARATE} unless set here or by {@link #stores}. It must be the group of the
   * store behind the idempotency, audit and usage ports.
   */
  public ToolgateBuilder commitGroup(CommitGroup group) {
    this.commitGroup = Objects.requireNonNull(group, "group");
    return this;
  }

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

  /**
   * Adds the marketing toolset (seed 000: {@code campaign_performance}, {@code flow_performance}).
   * Each client reads the backend its profile names: SAMPLE the built-in sample data set, any other
   * the analytics given here for it (e.g. {@code KLAVIYO} → the Klaviyo adapter) with the API key
   * stored for the client in the secret store (see {@link #secrets}).
   */
  public ToolgateBuilder marketing(Map<MarketingBackend, MarketingAnalytics> backends) {
    Objects.requireNonNull(backends, "backends");
    this.marketing = new EnumMap<>(MarketingBackend.class);
    this.marketing.putAll(backends);
    return this;
  }

  /**
   * Keeps clients' third-party secrets in {@code store}, encrypted (AES-256-GCM) with {@code masterKey}
   * before they reach it. Without it, {@code clients().putSecret} fails and only sample marketing data
   * can be read.
   */
  public ToolgateBuilder secrets(SecretStore store, MasterKey masterKey) {
    this.secrets = Objects.requireNonNull(store, "store");
    this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    return this;
  }

  /** Enables {@link Toolgate#chat()}, storing sessions, turns and tool logs in {@code store}. */
  public ToolgateBuilder chatSessions(ChatSessionStore store) {
    this.chatSessions = Objects.requireNonNull(store, "store");
    return this;
  }

  /** The chat's planner; default the offline {@link RuleBasedPlanner}. */
  public ToolgateBuilder planner(Planner planner) {
    this.planner = Objects.requireNonNull(planner, "planner");
    return this;
  }

  /**
   * Runs the rest of a chat turn that paused for an approval on {@code executor} once the approval is
   * decided, instead of on the deciding thread (the default, fine for a one-shot command). A server
   * gives a bounded pool so an approver's answer does not wait for the model; it owns the pool and
   * stops it. A resume the executor refuses leaves its turn paused.
   */
  public ToolgateBuilder chatResumes(Executor executor) {
    this.chatResumes = Objects.requireNonNull(executor, "executor");
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
    return fixedKey(id, secret, roles, Set.of());
  }

  /**
   * A key given in clear by settings, limited to {@code allowTools} (all tools when empty): a
   * deployment scopes a seed's key by policy, e.g. the FlowChat bot's key to the FlowChat tools.
   */
  public ToolgateBuilder fixedKey(String id, String secret, Set<Role> roles, Set<String> allowTools) {
    Objects.requireNonNull(allowTools, "allowTools");
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
    fixedKeys.add(new ApiKeyService.FixedKey(id, ApiKeyService.hashOf(secret.strip()), roles, allowTools));
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

    SecretBox box = masterKey == null ? null : new SecretBox(masterKey);
    List<ToolProvider> all = new ArrayList<>(providers);
    if (marketing != null) {
      Map<MarketingBackend, MarketingAnalytics> backends = new EnumMap<>(MarketingBackend.class);
      backends.put(MarketingBackend.SAMPLE, new SampleMarketingAnalytics(clock));
      backends.putAll(marketing);
      all.add(new MarketingToolset(new ProfileMarketingSources(clientProfiles, backends, secrets, box)));
    }
    Ids ids = new Ids();
    ToolRegistry registry = ToolRegistry.of(all, audit, clock, ids);
    ArgumentValidator validator = new ArgumentValidator(registry);
    PolicyEngine policy = new PolicyEngine(config);
    ToolRunner runner = new ToolRunner(config.executionTimeout());
    AdminAudit adminAudit = new AdminAudit(audit, clock);
    IdempotencyGate idempotencyGate = new IdempotencyGate(idempotency, config, clock);
    ApprovedRun approvedRun =
        new ApprovedRun(approvals, idempotency, idempotencyGate, registry, validator, runner, config, clock);
    ApprovalService approvalService = new ApprovalService(approvals, approvedRun, registry, audit, config, clock);
    CallToolService calls =
        new CallToolService(
            registry, policy, clientProfiles, new RateLimits(config, clock), validator,
            idempotencyGate, new ApprovalGate(approvals, approvedRun, config, clock, ids),
            new ResponseCacheGate(cache, config, clock), runner, audit, usage, commitGroup, config, clock);
    ToolCatalogService catalog = new ToolCatalogService(registry, policy, clientProfiles, config);
    Planner chatPlanner = planner == null ? new RuleBasedPlanner() : planner;
    if (chatPlanner instanceof ModelPlanner models && secrets != null && box != null) {
      // The secret box lives here, not where the planner is configured: clients' own keys are added now.
      chatPlanner = models.withClientKeys(new SealedModelKeys(secrets, box));
    }
    ChatService chat =
        chatSessions == null
            ? null
            : new ChatService(
                calls, catalog, clientProfiles, chatSessions, usage, chatPlanner, config.chatMaxToolHops(), approvals, idempotency,
                config.idempotencyRetention(), chatResumes, clock);
    if (chat != null) {
      // A chat turn that paused for an approval goes on when the approval is decided (or, if that was
      // missed, when the decision is repeated or the maintenance's recovery finds it).
      approvalService.addDecisionListener(chat::resume);
    }
    return new AssembledToolgate(
        calls,
        catalog,
        approvalService,
        new AuditService(audit, adminAudit, clock),
        new ApiKeyService(apiKeys, clientProfiles, fixedKeys, clock, ids, adminAudit, config.keyCacheTtl()),
        new UsageService(usage),
        new ClientService(clientProfiles, secrets, box, clock, adminAudit, chatPlanner.models()),
        chat,
        new MaintenanceService(
            idempotency, cache, approvals, adminAudit, new AuditRetention(audit, adminAudit, clock),
            chat == null ? () -> 0 : chat::recoverPausedTurns, config, clock),
        config,
        runner);
  }

  private static void require(Object port, String setter) {
    if (port == null) {
      throw new IllegalStateException("Toolgate.builder() needs " + setter + "(...) before build()");
    }
  }
}
