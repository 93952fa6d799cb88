package dev.toolgate.core;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's immutable settings. Build with {@code GatewayConfig.custom()…build()}; every
 * setting has a default, so {@code GatewayConfig.defaults()} is a working gateway.
 *
 * @param allowedTools global allowlist; empty means every registered tool
 * @param approvalRequiredTools tools that need approval by policy, in addition to those annotated
 * @param categoryRoles roles that may call each category (admin always may)
 * @param defaultRateLimit per-key limit when the key has none of its own
 * @param cacheTtl how long read results are served from the cache
 * @param idempotencyRetention how long idempotency records are kept (at least 24 h recommended)
 * @param approvalTtl how long an approval may wait for a decision
 * @param executionTimeout how long a tool may run
 * @param selfApproval whether a principal may approve its own request
 * @param chatMaxToolHops how many rounds of tool calls a chat planner may ask for in one turn before
 *     the turn is stopped (1–100)
 * @param maintenanceInterval how often {@link Toolgate#maintenance()}, once started, purges expired
 *     idempotency records, cache entries and approvals; zero disables the schedule
 * @param auditRetention how long audit records are kept before the scheduled maintenance prunes them,
 *     or null to keep every record
 * @param auditArchiveDir where the scheduled prune first writes the segment it deletes, or null for
 *     no archive
 * @param keyCacheTtl how long an issued key that authenticated is trusted from memory before the key
 *     store is read again; zero disables the cache. A revoke in this process takes effect at once;
 *     another process sharing the store sees it within this time
 */
public record GatewayConfig(
    Set<String> allowedTools,
    Set<String> approvalRequiredTools,
    Map<ToolCategory, Set<Role>> categoryRoles,
    RateLimitSpec defaultRateLimit,
    Duration cacheTtl,
    Duration idempotencyRetention,
    Duration approvalTtl,
    Duration executionTimeout,
    boolean selfApproval,
    int chatMaxToolHops,
    Duration maintenanceInterval,
    Duration auditRetention,
    Path auditArchiveDir,
    Duration keyCacheTtl) {

  /** The most {@link #chatMaxToolHops} may be. */
  public static final int MAX_CHAT_TOOL_HOPS = 100;

  public GatewayConfig {
    allowedTools = Set.copyOf(allowedTools);
    approvalRequiredTools = Set.copyOf(approvalRequiredTools);
    var roles = new EnumMap<ToolCategory, Set<Role>>(ToolCategory.class);
    for (ToolCategory category : ToolCategory.values()) {
      roles.put(category, Set.copyOf(categoryRoles.getOrDefault(category, Set.of())));
    }
    categoryRoles = Map.copyOf(roles);
    Objects.requireNonNull(defaultRateLimit, "defaultRateLimit");
    requirePositive("cacheTtl", cacheTtl, true);
    requirePositive("idempotencyRetention", idempotencyRetention, false);
    requirePositive("approvalTtl", approvalTtl, false);
    requirePositive("executionTimeout", executionTimeout, false);
    if (chatMaxToolHops < 1 || chatMaxToolHops > MAX_CHAT_TOOL_HOPS) {
      throw new IllegalArgumentException(
          "chatMaxToolHops must be 1-" + MAX_CHAT_TOOL_HOPS + ", got " + chatMaxToolHops);
    }
    requirePositive("maintenanceInterval", maintenanceInterval, true);
    if (auditRetention != null) {
      requirePositive("auditRetention", auditRetention, false);
    }
    requirePositive("keyCacheTtl", keyCacheTtl, true);
  }

  private static void requirePositive(String name, Duration value, boolean zeroAllowed) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  public static GatewayConfig defaults() {
    return custom().build();
  }

  public static Builder custom() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowedTools = allowedTools;
    b.approvalRequiredTools = approvalRequiredTools;
    b.categoryRoles = new EnumMap<>(categoryRoles);
    b.defaultRateLimit = defaultRateLimit;
    b.cacheTtl = cacheTtl;
    b.idempotencyRetention = idempotencyRetention;
    b.approvalTtl = approvalTtl;
    b.executionTimeout = executionTimeout;
    b.selfApproval = selfApproval;
    b.chatMaxToolHops = chatMaxToolHops;
    b.maintenanceInterval = maintenanceInterval;
    b.auditRetention = auditRetention;
    b.auditArchiveDir = auditArchiveDir;
    b.keyCacheTtl = keyCacheTtl;
    return b;
  }

  /** Whether calls of this tool wait for a human: by the tool's own annotation or by this configuration. */
  public boolean requiresApproval(ToolDefinition tool) {
    return tool.annotations().requiresApproval() || approvalRequiredTools.contains(tool.name());
  }

  /**
   * A short hash of the policy-relevant settings (allowlist, approval list, category roles). An
   * approval made under one policy version cannot be granted under another.
   */
  public String policyVersion() {
    var node = Json.object();
    node.set("allowed_tools", Json.mapper().valueToTree(new TreeSet<>(allowedTools)));
    node.set("approval_required", Json.mapper().valueToTree(new TreeSet<>(approvalRequiredTools)));
    var roles = Json.object();
    categoryRoles.forEach(
        (category, set) ->
            roles.set(
                category.wireName(),
                Json.mapper().valueToTree(new TreeSet<>(set.stream().map(Role::wireName).toList()))));
    node.set("category_roles", roles);
    return Json.fingerprint(node).substring(0, 12);
  }

  /** Mutable builder; {@link #build()} validates and quotes any bad value. */
  public static final class Builder {
    private Set<String> allowedTools = Set.of();
    private Set<String> approvalRequiredTools = Set.of();
    private Map<ToolCategory, Set<Role>> categoryRoles = defaultCategoryRoles();
    private RateLimitSpec defaultRateLimit = RateLimitSpec.perMinute(200);
    private Duration cacheTtl = Duration.ofMinutes(15);
    private Duration idempotencyRetention = Duration.ofHours(24);
    private Duration approvalTtl = Duration.ofHours(1);
    private Duration executionTimeout = Duration.ofSeconds(30);
    private boolean selfApproval = false;
    private int chatMaxToolHops = 8;
    private Duration maintenanceInterval = Duration.ofMinutes(5);
    private Duration auditRetention;
    private Path auditArchiveDir;
    private Duration keyCacheTtl = Duration.ofSeconds(5);

    private Builder() {}

    private static Map<ToolCategory, Set<Role>> defaultCategoryRoles() {
      var map = new EnumMap<ToolCategory, Set<Role>>(ToolCategory.class);
      Set<Role> callers = Set.of(Role.AGENT, Role.OPERATOR, Role.ADMIN);
      for (ToolCategory category : ToolCategory.values()) {
        map.put(category, callers);
      }
      return map;
    }

    public Builder allowedTools(Set<String> value) {
      this.allowedTools = value;
      return this;
    }

    public Builder approvalRequiredTools(Set<String> value) {
      this.approvalRequiredTools = value;
      return this;
    }

    public Builder categoryRoles(ToolCategory category, Set<Role> roles) {
      this.categoryRoles = new EnumMap<>(this.categoryRoles);
      this.categoryRoles.put(category, roles);
      return this;
    }

    public Builder defaultRateLimit(RateLimitSpec value) {
      this.defaultRateLimit = value;
      return this;
    }

    public Builder cacheTtl(Duration value) {
      this.cacheTtl = value;
      return this;
    }

    public Builder idempotencyRetention(Duration value) {
      this.idempotencyRetention = value;
      return this;
    }

    public Builder approvalTtl(Duration value) {
      this.approvalTtl = value;
      return this;
    }

    public Builder executionTimeout(Duration value) {
      this.executionTimeout = value;
      return this;
    }

    public Builder selfApproval(boolean value) {
      this.selfApproval = value;
      return this;
    }

    public Builder chatMaxToolHops(int value) {
      this.chatMaxToolHops = value;
      return this;
    }

    /** How often the started maintenance task purges; {@link Duration#ZERO} disables it. */
    public Builder maintenanceInterval(Duration value) {
      this.maintenanceInterval = value;
      return this;
    }

    /** How long audit records are kept before the scheduled prune; null (the default) keeps all. */
    public Builder auditRetention(Duration value) {
      this.auditRetention = value;
      return this;
    }

    /** Where the scheduled prune archives what it deletes; null (the default) for no archive. */
    public Builder auditArchiveDir(Path value) {
      this.auditArchiveDir = value;
      return this;
    }

    /** How long a verified issued key is trusted from memory (default 5 s); {@link Duration#ZERO} disables it. */
    public Builder keyCacheTtl(Duration value) {
      this.keyCacheTtl = value;
      return this;
    }

    public GatewayConfig build() {
      return new GatewayConfig(
          allowedTools,
          approvalRequiredTools,
          categoryRoles,
          defaultRateLimit,
          cacheTtl,
          idempotencyRetention,
          approvalTtl,
          executionTimeout,
          selfApproval,
          chatMaxToolHops,
          maintenanceInterval,
          auditRetention,
          auditArchiveDir,
          keyCacheTtl);
    }
  }
}
