package dev.toolgate.app.http;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.mcp.McpCatalogMode;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the apps read from their environment, validated once at start-up.
 *
 * <p>Sources, highest precedence first: the process environment, a {@code .env} file in the working
 * directory, the config file ({@code TOOLGATE_CONFIG}, default {@code toolgate.properties} in the
 * working directory, Java properties with the same keys), then defaults. A blank value counts as not
 * set. Every setting is optional:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code PORT}</td><td>8080</td><td>listening port; 0 picks a free one</td></tr>
 *   <tr><td>{@code TOOLGATE_HOST}</td><td>127.0.0.1</td><td>listening address</td></tr>
 *   <tr><td>{@code TOOLGATE_DATA_DIR}</td><td>{@code data}</td><td>where the SQLite file lives</td></tr>
 *   <tr><td>{@code ALLOWED_TOOLS}</td><td>(all)</td><td>comma-separated global allowlist</td></tr>
 *   <tr><td>{@code CORS_ORIGINS}</td><td>(none)</td><td>comma-separated exact browser origins</td></tr>
 *   <tr><td>{@code CACHE_TTL_SECONDS}</td><td>900</td><td>read cache lifetime; 0 disables it</td></tr>
 *   <tr><td>{@code RATE_LIMIT}</td><td>200/minute</td><td>default per-key limit</td></tr>
 *   <tr><td>{@code TOOLGATE_APPROVAL_TTL_SECONDS}</td><td>3600</td><td>how long an approval waits</td></tr>
 *   <tr><td>{@code TOOLGATE_IDEMPOTENCY_RETENTION_HOURS}</td><td>24</td><td>idempotency record lifetime (at least 24)</td></tr>
 *   <tr><td>{@code TOOLGATE_EXECUTION_TIMEOUT_SECONDS}</td><td>30</td><td>how long a tool may run</td></tr>
 *   <tr><td>{@code TOOLGATE_MAINTENANCE_INTERVAL_SECONDS}</td><td>300</td><td>how often a server purges expired
 *       idempotency records, cache entries and approvals; 0 disables it</td></tr>
 *   <tr><td>{@code TOOLGATE_AUDIT_RETENTION_DAYS}</td><td>(unset: keep all)</td><td>audit records older than
 *       this many days are pruned by that purge (SQLite only; ignored with a warning on Firestore)</td></tr>
 *   <tr><td>{@code TOOLGATE_AUDIT_RETENTION}</td><td>(unset)</td><td>the same retention as an ISO-8601
 *       duration, {@code PT1S} or more (e.g. {@code PT2M} for a soak run); set this or the days, not both</td></tr>
 *   <tr><td>{@code TOOLGATE_AUDIT_ARCHIVE_DIR}</td><td>(unset)</td><td>where the retention's prune first writes
 *       the records it deletes, as {@code audit-<first>-<last>.jsonl.gz}; needs a retention</td></tr>
 *   <tr><td>{@code TOOLGATE_SELF_APPROVAL}</td><td>false</td><td>whether requesters may approve their own calls</td></tr>
 *   <tr><td>{@code TOOLGATE_MAX_BODY_BYTES}</td><td>1048576</td><td>largest accepted request body</td></tr>
 *   <tr><td>{@code TOOLGATE_MCP_ALLOWED_HOSTS}</td><td>(loopback only)</td><td>further {@code Host} values the MCP
 *       endpoint accepts ({@code name[:port]} or {@code name:*}), comma-separated</td></tr>
 *   <tr><td>{@code TOOLGATE_MCP_CATALOG}</td><td>{@code full}</td><td>what MCP {@code tools/list} shows:
 *       {@code full} (every tool with its schemas) or {@code compact} (three meta-tools that search,
 *       describe and call the tools, for large catalogues); for {@code toolgate serve} and {@code toolgate mcp}</td></tr>
 *   <tr><td>{@code TOOLGATE_MCP_MAX_SESSIONS_PER_KEY}</td><td>100</td><td>how many MCP sessions one key may hold
 *       open; one more {@code initialize} is refused with 429 {@code too_many_sessions}</td></tr>
 *   <tr><td>{@code TOOLGATE_MCP_SESSION_IDLE_SECONDS}</td><td>1800</td><td>an MCP session without requests (and
 *       no open stream) for this long is closed, at the latest after twice as long</td></tr>
 *   <tr><td>{@code TOOLGATE_MASTER_KEY_FILE}</td><td>{@code <data dir>/master.key}</td><td>the key that
 *       encrypts clients' third-party API keys; created (owner-only) on first start when not set, and
 *       must exist when set</td></tr>
 *   <tr><td>{@code TOOLGATE_KLAVIYO_BASE_URL}</td><td>{@code https://a.klaviyo.com}</td><td>where the
 *       Klaviyo API is (for a proxy or a local stand-in)</td></tr>
 *   <tr><td>{@code TOOLGATE_STORE}</td><td>{@code sqlite}</td><td>{@code sqlite} (a file in the data
 *       directory) or {@code firestore} (shared by several instances; needs the next settings)</td></tr>
 *   <tr><td>{@code GOOGLE_CLOUD_PROJECT}</td><td>(unset)</td><td>the project of the Firestore database;
 *       required with {@code TOOLGATE_STORE=firestore}</td></tr>
 *   <tr><td>{@code TOOLGATE_FIRESTORE_DATABASE}</td><td>{@code (default)}</td><td>the Firestore database id</td></tr>
 *   <tr><td>{@code FIRESTORE_EMULATOR_HOST}</td><td>(unset)</td><td>{@code host:port} of a Firestore emulator
 *       to use instead of Google Cloud</td></tr>
 *   <tr><td>{@code GOOGLE_APPLICATION_CREDENTIALS}</td><td>(Application Default Credentials)</td><td>a
 *       Google credentials JSON file for Firestore</td></tr>
 *   <tr><td>{@code TOOLGATE_MCP_SERVERS} (or {@code MCP_SERVERS_CONFIG_PATH})</td><td>(unset)</td><td>an
 *       {@code mcpServers} JSON file of upstream MCP servers whose tools the gateway offers</td></tr>
 *   <tr><td>{@code SUPABASE_URL}, {@code SUPABASE_API_KEY}, {@code SUPABASE_PROJECT_REF},
 *       {@code DATABASE_WORKER_URL}, {@code DOCUMENT_WORKER_URL}, {@code STORAGE_WORKER_URL},
 *       {@code EMAIL_WORKER_URL}, {@code WORKER_AUTH_KEY}, {@code ENVIRONMENT}</td><td>(unset)</td><td>the
 *       FlowChat proxy's settings (see {@link FlowChatSettings}); the FlowChat tools are offered only
 *       when {@code SUPABASE_URL} is set</td></tr>
 *   <tr><td>{@code API_KEY}, {@code APP_AUTH_BEARER}, {@code FLOWCHAT_MCP_KEY}, {@code X_PROXY_KEY}</td>
 *       <td>(unset)</td><td>the seeds' shared keys: each becomes a fixed admin key, except
 *       {@code FLOWCHAT_MCP_KEY}, an agent key allowed the FlowChat tools only</td></tr>
 * </table>
 *
 * @param port listening port, 0–65535 (0 = any free port)
 * @param host listening address
 * @param dataDir absolute directory of the embedded store
 * @param allowedTools global allowlist; empty means every tool
 * @param corsOrigins exact origins ({@code scheme://host[:port]}) allowed to call from a browser
 * @param cacheTtl read cache lifetime (zero disables caching)
 * @param rateLimit default per-key rate limit
 * @param approvalTtl how long an approval may wait for a decision
 * @param idempotencyRetention how long idempotency records are kept
 * @param executionTimeout how long a tool may run
 * @param maintenanceInterval how often long-lived faces purge expired state (zero: never)
 * @param auditRetention how long audit records are kept, or null to keep them all
 * @param auditArchiveDir where pruned audit records are archived first, or null for no archive
 * @param keyCacheTtl how long a verified issued key is trusted from memory (zero: the store is read
 *     for every request); another instance sharing the store sees a revoke within this time
 * @param selfApproval whether a principal may approve its own request
 * @param maxBodyBytes largest accepted request body in bytes
 * @param fixedKeys keys taken from the seeds' settings; their secrets never appear in {@link #toString()}
 * @param mcpAllowedHosts {@code Host} values the MCP endpoint accepts besides loopback names on its port
 * @param mcpCatalog what MCP {@code tools/list} shows: every tool, or the compact catalogue's meta-tools
 * @param mcpMaxSessionsPerKey how many MCP sessions one key may hold open
 * @param mcpSessionIdle how long an MCP session may go without a request before it is closed
 * @param masterKeyFile the master key file when set by {@code TOOLGATE_MASTER_KEY_FILE}, or null for
 *     the default {@code <data dir>/master.key} (see {@link #masterKeyPath()})
 * @param klaviyoBaseUri where the Klaviyo API is
 * @param store which store holds the state: the embedded SQLite file, or Firestore
 * @param mcpServersFile the upstream MCP servers file, or null for none
 * @param flowchat the FlowChat tools' settings
 * @param llm the language models the chat may use; none means the rule-based planner (see {@link LlmSettings})
 */
public record Settings(
    int port,
    String host,
    Path dataDir,
    Set<String> allowedTools,
    List<String> corsOrigins,
    Duration cacheTtl,
    RateLimitSpec rateLimit,
    Duration approvalTtl,
    Duration idempotencyRetention,
    Duration executionTimeout,
    Duration maintenanceInterval,
    Duration auditRetention,
    Path auditArchiveDir,
    Duration keyCacheTtl,
    boolean selfApproval,
    long maxBodyBytes,
    List<FixedKey> fixedKeys,
    List<String> mcpAllowedHosts,
    McpCatalogMode mcpCatalog,
    int mcpMaxSessionsPerKey,
    Duration mcpSessionIdle,
    Path masterKeyFile,
    URI klaviyoBaseUri,
    StoreSettings store,
    Path mcpServersFile,
    FlowChatSettings flowchat,
    LlmSettings llm) {

  public Settings {
    Objects.requireNonNull(flowchat, "flowchat");
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(store, "store");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    Objects.requireNonNull(host, "host");
    dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    allowedTools = Set.copyOf(allowedTools);
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(approvalTtl, "approvalTtl");
    Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
    Objects.requireNonNull(executionTimeout, "executionTimeout");
    Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
    auditArchiveDir = auditArchiveDir == null ? null : auditArchiveDir.toAbsolutePath().normalize();
    Objects.requireNonNull(keyCacheTtl, "keyCacheTtl");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    fixedKeys = List.copyOf(fixedKeys);
    mcpAllowedHosts = List.copyOf(mcpAllowedHosts);
    Objects.requireNonNull(mcpCatalog, "mcpCatalog");
    if (mcpMaxSessionsPerKey < 1) {
      throw new IllegalArgumentException("mcpMaxSessionsPerKey must be positive, got " + mcpMaxSessionsPerKey);
    }
    Objects.requireNonNull(mcpSessionIdle, "mcpSessionIdle");
    masterKeyFile = masterKeyFile == null ? null : masterKeyFile.toAbsolutePath().normalize();
    Objects.requireNonNull(klaviyoBaseUri, "klaviyoBaseUri");
    mcpServersFile = mcpServersFile == null ? null : mcpServersFile.toAbsolutePath().normalize();
  }

  /**
   * Reads and validates the settings.
   *
   * @param env the process environment (pass {@code System.getenv()})
   * @param workDir where {@code .env} and the default config file are looked for, and what relative
   *     paths are resolved against
   * @throws SettingsException listing every bad setting, each by name
   */
  public static Settings load(Map<String, String> env, Path workDir) {
    return SettingsLoader.load(env, workDir);
  }

  public Settings withPort(int newPort) {
    return new Settings(
        newPort, host, dataDir, allowedTools, corsOrigins, cacheTtl, rateLimit, approvalTtl,
        idempotencyRetention, executionTimeout, maintenanceInterval, auditRetention, auditArchiveDir, keyCacheTtl, selfApproval, maxBodyBytes, fixedKeys, mcpAllowedHosts,
        mcpCatalog, mcpMaxSessionsPerKey, mcpSessionIdle, masterKeyFile, klaviyoBaseUri, store, mcpServersFile, flowchat, llm);
  }

  public Settings withDataDir(Path newDataDir) {
    return new Settings(
        port, host, newDataDir, allowedTools, corsOrigins, cacheTtl, rateLimit, approvalTtl,
        idempotencyRetention, executionTimeout, maintenanceInterval, auditRetention, auditArchiveDir, keyCacheTtl, selfApproval, maxBodyBytes, fixedKeys, mcpAllowedHosts,
        mcpCatalog, mcpMaxSessionsPerKey, mcpSessionIdle, masterKeyFile, klaviyoBaseUri, store, mcpServersFile, flowchat, llm);
  }

  /** The master key file: {@code TOOLGATE_MASTER_KEY_FILE}, or {@code master.key} in the data directory. */
  public Path masterKeyPath() {
    return masterKeyFile != null ? masterKeyFile : dataDir.resolve("master.key");
  }

  /** The gateway's configuration under these settings. */
  public GatewayConfig gatewayConfig() {
    GatewayConfig.Builder config = GatewayConfig.custom();
    if (llm.maxToolHops() != null) {
      config.chatMaxToolHops(llm.maxToolHops());
    }
    return config
        .allowedTools(allowedTools)
        .defaultRateLimit(rateLimit)
        .cacheTtl(cacheTtl)
        .approvalTtl(approvalTtl)
        .idempotencyRetention(idempotencyRetention)
        .executionTimeout(executionTimeout)
        .maintenanceInterval(maintenanceInterval)
        .auditRetention(auditRetention)
        .auditArchiveDir(auditArchiveDir)
        .keyCacheTtl(keyCacheTtl)
        .selfApproval(selfApproval)
        .build();
  }

  @Override
  public String toString() {
    return "Settings[port=" + port
        + ", host=" + host
        + ", dataDir=" + dataDir
        + ", allowedTools=" + (allowedTools.isEmpty() ? "(all)" : new TreeSet<>(allowedTools))
        + ", corsOrigins=" + corsOrigins
        + ", cacheTtl=" + cacheTtl
        + ", rateLimit=" + rateLimit
        + ", approvalTtl=" + approvalTtl
        + ", idempotencyRetention=" + idempotencyRetention
        + ", executionTimeout=" + executionTimeout
        + ", maintenanceInterval=" + maintenanceInterval
        + ", auditRetention=" + (auditRetention == null ? "(keep all)" : auditRetention)
        + ", auditArchiveDir=" + auditArchiveDir
        + ", keyCacheTtl=" + keyCacheTtl
        + ", selfApproval=" + selfApproval
        + ", maxBodyBytes=" + maxBodyBytes
        + ", fixedKeys=" + fixedKeys.stream().map(FixedKey::id).toList()
        + ", mcpAllowedHosts=" + mcpAllowedHosts
        + ", mcpCatalog=" + mcpCatalog.wireName()
        + ", masterKeyFile=" + masterKeyPath()
        + ", klaviyoBaseUri=" + klaviyoBaseUri
        + ", store=" + store
        + ", mcpServersFile=" + mcpServersFile
        + ", flowchat=" + flowchat
        + ", llm=" + llm
        + "]";
  }

  /**
   * A key given in clear by a setting (seed deployments share one key). Held here only until the
   * gateway hashes it.
   *
   * @param id the key id shown in audit records, e.g. {@code env-api-key}
   * @param setting the setting it came from, e.g. {@code API_KEY}
   * @param secret the key itself
   * @param roles what it may do
   * @param allowTools if not empty, the only tools it may see and call
   */
  public record FixedKey(String id, String setting, String secret, Set<Role> roles, Set<String> allowTools) {
    public FixedKey {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(secret, "secret");
      roles = Set.copyOf(roles);
      allowTools = Set.copyOf(allowTools);
    }

    @Override
    public String toString() {
      return "FixedKey[id=" + id + ", setting=" + setting + ", roles=" + roles
          + (allowTools.isEmpty() ? "" : ", allowTools=" + allowTools.size() + " tools") + ", secret=***]";
    }
  }
}
