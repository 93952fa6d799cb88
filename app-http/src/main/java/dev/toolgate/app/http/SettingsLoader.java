package dev.toolgate.app.http;

import dev.toolgate.adapter.firestore.FirestoreConfig;
import dev.toolgate.adapter.flowchat.FlowChatConfig;
import dev.toolgate.adapter.flowchat.FlowChatToolProvider;
import dev.toolgate.mcp.McpCatalogMode;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the settings from their three sources, validates every value and collects every problem, so
 * that one failed start-up shows everything that needs fixing.
 */
final class SettingsLoader {
  static final String PORT = "PORT";
  static final String HOST = "TOOLGATE_HOST";
  static final String DATA_DIR = "TOOLGATE_DATA_DIR";
  static final String CONFIG = "TOOLGATE_CONFIG";
  static final String ALLOWED_TOOLS = "ALLOWED_TOOLS";
  static final String CORS_ORIGINS = "CORS_ORIGINS";
  static final String CACHE_TTL = "CACHE_TTL_SECONDS";
  static final String RATE_LIMIT = "RATE_LIMIT";
  static final String APPROVAL_TTL = "TOOLGATE_APPROVAL_TTL_SECONDS";
  static final String IDEMPOTENCY_RETENTION = "TOOLGATE_IDEMPOTENCY_RETENTION_HOURS";
  static final String EXECUTION_TIMEOUT = "TOOLGATE_EXECUTION_TIMEOUT_SECONDS";
  static final String MAINTENANCE_INTERVAL = "TOOLGATE_MAINTENANCE_INTERVAL_SECONDS";
  static final String AUDIT_RETENTION_DAYS = "TOOLGATE_AUDIT_RETENTION_DAYS";
  /** The same retention as an ISO-8601 duration ({@code PT2M}, {@code P30D}): finer than days, for soak runs. */
  static final String AUDIT_RETENTION = "TOOLGATE_AUDIT_RETENTION";
  static final String AUDIT_ARCHIVE_DIR = "TOOLGATE_AUDIT_ARCHIVE_DIR";
  static final String KEY_CACHE = "TOOLGATE_KEY_CACHE_SECONDS";
  static final String SELF_APPROVAL = "TOOLGATE_SELF_APPROVAL";
  static final String MAX_BODY = "TOOLGATE_MAX_BODY_BYTES";
  static final String MCP_ALLOWED_HOSTS = "TOOLGATE_MCP_ALLOWED_HOSTS";
  static final String MCP_CATALOG = "TOOLGATE_MCP_CATALOG";
  static final String MCP_MAX_SESSIONS_PER_KEY = "TOOLGATE_MCP_MAX_SESSIONS_PER_KEY";
  static final String MCP_SESSION_IDLE = "TOOLGATE_MCP_SESSION_IDLE_SECONDS";
  static final String MASTER_KEY_FILE = "TOOLGATE_MASTER_KEY_FILE";
  static final String KLAVIYO_BASE_URL = "TOOLGATE_KLAVIYO_BASE_URL";

  // The FlowChat proxy's own names (seed 003), so its deployments move over unchanged.
  static final String SUPABASE_URL = "SUPABASE_URL";
  static final String SUPABASE_API_KEY = "SUPABASE_API_KEY";
  static final String SUPABASE_PROJECT_REF = "SUPABASE_PROJECT_REF";
  static final String DATABASE_WORKER_URL = "DATABASE_WORKER_URL";
  static final String DOCUMENT_WORKER_URL = "DOCUMENT_WORKER_URL";
  static final String STORAGE_WORKER_URL = "STORAGE_WORKER_URL";
  static final String EMAIL_WORKER_URL = "EMAIL_WORKER_URL";
  static final String WORKER_AUTH_KEY = "WORKER_AUTH_KEY";
  static final String ENVIRONMENT = "ENVIRONMENT";
  static final String FLOWCHAT_APPROVAL_TOOLS = "FLOWCHAT_APPROVAL_TOOLS";

  static final String STORE = "TOOLGATE_STORE";
  static final String MCP_SERVERS = "TOOLGATE_MCP_SERVERS";
  /** The MCP backend platform's name for the same file, accepted for people who migrate. */
  static final String MCP_SERVERS_CONFIG_PATH = "MCP_SERVERS_CONFIG_PATH";
  static final String FIRESTORE_DATABASE = "TOOLGATE_FIRESTORE_DATABASE";
  // Google's own names, as seed 000 and Google's tools use them.
  static final String GOOGLE_CLOUD_PROJECT = "GOOGLE_CLOUD_PROJECT";
  static final String FIRESTORE_EMULATOR_HOST = "FIRESTORE_EMULATOR_HOST";
  static final String GOOGLE_APPLICATION_CREDENTIALS = "GOOGLE_APPLICATION_CREDENTIALS";

  /** The seeds' shared-key settings and the key id each becomes, in a stable order. */
  static final Map<String, String> FIXED_KEYS = fixedKeyIds();

  static final int MIN_SECRET_LENGTH = 8;
  static final String DEFAULT_CONFIG_FILE = "toolgate.properties";

  private static final List<String> KNOWN =
      List.of(
          PORT, HOST, DATA_DIR, CONFIG, ALLOWED_TOOLS, CORS_ORIGINS, CACHE_TTL, RATE_LIMIT,
          APPROVAL_TTL, IDEMPOTENCY_RETENTION, EXECUTION_TIMEOUT, MAINTENANCE_INTERVAL, AUDIT_RETENTION_DAYS, AUDIT_RETENTION, AUDIT_ARCHIVE_DIR, KEY_CACHE, SELF_APPROVAL, MAX_BODY, MCP_ALLOWED_HOSTS, MCP_CATALOG,
          MCP_MAX_SESSIONS_PER_KEY, MCP_SESSION_IDLE,
          MASTER_KEY_FILE, KLAVIYO_BASE_URL, STORE, FIRESTORE_DATABASE, GOOGLE_CLOUD_PROJECT,
          FIRESTORE_EMULATOR_HOST, GOOGLE_APPLICATION_CREDENTIALS, MCP_SERVERS, MCP_SERVERS_CONFIG_PATH,
          SUPABASE_URL, SUPABASE_API_KEY, SUPABASE_PROJECT_REF, DATABASE_WORKER_URL, DOCUMENT_WORKER_URL,
          STORAGE_WORKER_URL, EMAIL_WORKER_URL, WORKER_AUTH_KEY, ENVIRONMENT, FLOWCHAT_APPROVAL_TOOLS,
          "API_KEY", "APP_AUTH_BEARER", "FLOWCHAT_MCP_KEY", "X_PROXY_KEY",
          LlmSettingsLoader.LLM_CONFIG, LlmSettingsLoader.MCP_CONFIG_PATH, LlmSettingsLoader.LLM_MODEL,
          LlmSettingsLoader.OPENAI_API_KEY, LlmSettingsLoader.OPENAI_BASE_URL, LlmSettingsLoader.GROQ_API_KEY,
          LlmSettingsLoader.ANTHROPIC_API_KEY, LlmSettingsLoader.GEMINI_API_KEY, LlmSettingsLoader.GOOGLE_API_KEY,
          LlmSettingsLoader.DEBUG_TOKENS);

  // Tool names as MCP allows them (ToolDefinition): upstream tools are namespaced, e.g. github.create_issue.
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern HOST_TEXT = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]+");
  private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern HOST_HEADER = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:([0-9]{1,5}|\\*))?");

  private final List<Layer> layers;
  private final List<String> problems;
  private final Path workDir;

  private SettingsLoader(List<Layer> layers, List<String> problems, Path workDir) {
    this.layers = layers;
    this.problems = problems;
    this.workDir = workDir;
  }

  static Settings load(Map<String, String> env, Path workDir) {
    Path base = workDir.toAbsolutePath().normalize();
    List<String> problems = new ArrayList<>();
    Layer environment = new Layer("environment", Map.copyOf(env));
    Layer dotEnv = readDotEnv(base.resolve(".env"), problems);
    Layer configFile = readConfigFile(base, environment, dotEnv, problems);
    reportUnknownKeys(dotEnv, problems);
    reportUnknownKeys(configFile, problems);
    return new SettingsLoader(List.of(environment, dotEnv, configFile), problems, base).build();
  }

  private Settings build() {
    int port = (int) integer(PORT, 8080, 0, 65_535);
    String host = text(HOST, "127.0.0.1", this::parseHost);
    Path dataDir = text(DATA_DIR, base("data"), this::parsePath);
    Set<String> allowedTools = text(ALLOWED_TOOLS, Set.of(), this::parseToolNames);
    List<String> corsOrigins = text(CORS_ORIGINS, List.of(), this::parseOrigins);
    long cacheTtl = integer(CACHE_TTL, 900, 0, Integer.MAX_VALUE);
    RateLimitSpec rateLimit = text(RATE_LIMIT, RateLimitSpec.perMinute(200), RateLimitSpec::parse);
    long approvalTtl = integer(APPROVAL_TTL, 3600, 1, Integer.MAX_VALUE);
    long retention = integer(IDEMPOTENCY_RETENTION, 24, 24, 24L * 365 * 10);
    long timeout = integer(EXECUTION_TIMEOUT, 30, 1, 3600);
    long maintenance = integer(MAINTENANCE_INTERVAL, 300, 0, 7L * 24 * 3600);
    Duration auditRetention = auditRetention();
    Path auditArchiveDir = text(AUDIT_ARCHIVE_DIR, null, this::parseWritableDir);
    if (auditArchiveDir != null && lookup(AUDIT_RETENTION_DAYS) == null && lookup(AUDIT_RETENTION) == null) {
      problems.add(
          AUDIT_ARCHIVE_DIR + " is set but neither " + AUDIT_RETENTION_DAYS + " nor " + AUDIT_RETENTION + " is;"
              + " the archive is written only by the retention's prune (or pass --archive-dir to 'toolgate audit prune')");
    }
    // Capped at an hour: the TTL is how long another instance may still accept a key revoked elsewhere.
    long keyCache = integer(KEY_CACHE, 5, 0, 3600);
    boolean selfApproval = text(SELF_APPROVAL, false, SettingsLoader::parseBoolean);
    long maxBody = integer(MAX_BODY, 1_048_576, 1024, Integer.MAX_VALUE);
    List<Settings.FixedKey> fixedKeys = fixedKeys();
    List<String> mcpAllowedHosts = text(MCP_ALLOWED_HOSTS, List.of(), SettingsLoader::parseHostHeaders);
    McpCatalogMode mcpCatalog = text(MCP_CATALOG, McpCatalogMode.FULL, McpCatalogMode::parse);
    long mcpMaxSessions = integer(MCP_MAX_SESSIONS_PER_KEY, 100, 1, 100_000);
    long mcpSessionIdle = integer(MCP_SESSION_IDLE, 1800, 1, 7 * 24 * 3600);
    Path masterKeyFile = text(MASTER_KEY_FILE, null, this::parsePath);
    URI klaviyoBaseUri = text(KLAVIYO_BASE_URL, URI.create("https://a.klaviyo.com"), SettingsLoader::parseBaseUrl);
    StoreSettings store = store();
    Path mcpServers = text(MCP_SERVERS, text(MCP_SERVERS_CONFIG_PATH, null, this::parseExistingFile), this::parseExistingFile);
    FlowChatSettings flowchat = flowchat();
    LlmSettings llm =
        new LlmSettingsLoader(key -> {
              Value value = lookup(key);
              return value == null ? null : value.text();
            }, this::parsePath, problems).load();
    if (!problems.isEmpty()) {
      throw new SettingsException(problems);
    }
    return new Settings(
        port, host, dataDir, allowedTools, corsOrigins, Duration.ofSeconds(cacheTtl), rateLimit,
        Duration.ofSeconds(approvalTtl), Duration.ofHours(retention), Duration.ofSeconds(timeout),
        Duration.ofSeconds(maintenance), auditRetention, auditArchiveDir, Duration.ofSeconds(keyCache),
        selfApproval, maxBody, fixedKeys, mcpAllowedHosts, mcpCatalog, (int) mcpMaxSessions,
        Duration.ofSeconds(mcpSessionIdle), masterKeyFile, klaviyoBaseUri, store, mcpServers, flowchat, llm);
  }

  /**
   * The audit retention from {@code TOOLGATE_AUDIT_RETENTION_DAYS} or {@code TOOLGATE_AUDIT_RETENTION}
   * (one of them, not both), or null to keep every record.
   */
  private Duration auditRetention() {
    if (lookup(AUDIT_RETENTION_DAYS) != null && lookup(AUDIT_RETENTION) != null) {
      problems.add(
          AUDIT_RETENTION_DAYS + " and " + AUDIT_RETENTION + " are both set; set one (" + AUDIT_RETENTION
              + " takes an ISO-8601 duration such as P30D or PT2M)");
      return null;
    }
    long days = integer(AUDIT_RETENTION_DAYS, 0, 1, 365L * 100);
    if (days > 0) {
      return Duration.ofDays(days);
    }
    return text(AUDIT_RETENTION, null, SettingsLoader::parseRetention);
  }

  private static Duration parseRetention(String text) {
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 duration such as P30D, PT12H or PT2M, got '" + text + "'", e);
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofDays(365L * 100)) > 0) {
      throw new IllegalArgumentException("must be from PT1S to P36500D, got '" + text + "'");
    }
    return duration;
  }

  /** The FlowChat settings; the adapter's own validation names the bad setting. */
  private FlowChatSettings flowchat() {
    String projectRef = text(SUPABASE_PROJECT_REF, null, t -> t);
    String environment = text(ENVIRONMENT, null, t -> t);
    String url = text(SUPABASE_URL, null, t -> t);
    if (url == null) {
      for (String worker : List.of(DATABASE_WORKER_URL, DOCUMENT_WORKER_URL, STORAGE_WORKER_URL, EMAIL_WORKER_URL)) {
        if (lookup(worker) != null) {
          problems.add(worker + " is set but SUPABASE_URL is not; the FlowChat tools need both");
          break;
        }
      }
      return new FlowChatSettings(null, projectRef, environment);
    }
    try {
      return new FlowChatSettings(
          FlowChatConfig.custom()
              .supabase(url, text(SUPABASE_API_KEY, null, t -> t))
              .workers(text(DATABASE_WORKER_URL, null, t -> t), text(DOCUMENT_WORKER_URL, null, t -> t),
                  text(STORAGE_WORKER_URL, null, t -> t), text(EMAIL_WORKER_URL, null, t -> t))
              .workerAuthKey(text(WORKER_AUTH_KEY, null, t -> t))
              .approvalTools(
                  text(
                      FLOWCHAT_APPROVAL_TOOLS,
                      FlowChatConfig.DEFAULT_APPROVAL_TOOLS,
                      t -> t.strip().equalsIgnoreCase("none") ? Set.of() : parseToolNames(t)))
              .build(),
          projectRef, environment);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return FlowChatSettings.disabled();
    }
  }

  /**
   * {@code TOOLGATE_STORE} and, for Firestore, the database and how to reach it. The emulator takes
   * no credentials, so a credentials file is only checked without one.
   */
  private StoreSettings store() {
    StoreSettings.Kind kind = text(STORE, StoreSettings.Kind.SQLITE, StoreSettings.Kind::parse);
    if (kind == StoreSettings.Kind.SQLITE) {
      return StoreSettings.sqlite();
    }
    if (lookup(GOOGLE_CLOUD_PROJECT) == null) {
      problems.add(
          GOOGLE_CLOUD_PROJECT + " must be set when " + STORE + "=firestore: the Google Cloud project whose"
              + " Firestore database holds the state");
      return StoreSettings.sqlite();
    }
    FirestoreConfig config = text(GOOGLE_CLOUD_PROJECT, null, FirestoreConfig::cloud);
    if (config == null) {
      return StoreSettings.sqlite();
    }
    config = text(FIRESTORE_DATABASE, config, config::withDatabase);
    config = text(FIRESTORE_EMULATOR_HOST, config, config::withEmulatorHost);
    if (!config.usesEmulator()) {
      FirestoreConfig cloud = config;
      config = text(GOOGLE_APPLICATION_CREDENTIALS, config, value -> withCredentialsFile(cloud, value));
    }
    return StoreSettings.firestore(config);
  }

  private Path parseExistingFile(String text) {
    Path file = parsePath(text);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("names a file that does not exist: '" + text + "' (looked for " + file + ")");
    }
    return file;
  }

  private FirestoreConfig withCredentialsFile(FirestoreConfig config, String text) {
    Path file = parsePath(text);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("names a file that does not exist: '" + text + "' (looked for " + file + ")");
    }
    return config.withCredentialsFile(file);
  }

  private Path base(String relative) {
    return workDir.resolve(relative);
  }

  /** The value of the first layer that sets {@code key} to something not blank. */
  private Value lookup(String key) {
    for (Layer layer : layers) {
      String value = layer.values().get(key);
      if (value != null && !value.isBlank()) {
        return new Value(value.trim(), layer.name());
      }
    }
    return null;
  }

  private <T> T text(String key, T fallback, Function<String, T> parse) {
    Value value = lookup(key);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value.text());
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage() + " (from " + value.origin() + ")");
      return fallback;
    }
  }

  private long integer(String key, long fallback, long min, long max) {
    Value value = lookup(key);
    if (value == null) {
      return fallback;
    }
    String expected =
        max == Integer.MAX_VALUE ? "a whole number of at least " + min : "a whole number from " + min + " to " + max;
    try {
      long parsed = Long.parseLong(value.text());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    problems.add(key + " must be " + expected + ", got '" + value.text() + "' (from " + value.origin() + ")");
    return fallback;
  }

  private List<Settings.FixedKey> fixedKeys() {
    List<Settings.FixedKey> keys = new ArrayList<>();
    FIXED_KEYS.forEach(
        (setting, id) -> {
          Value value = lookup(setting);
          if (value == null) {
            return;
          }
          if (value.text().length() < MIN_SECRET_LENGTH) {
            // The value is a secret, so the message gives its length instead of quoting it.
            problems.add(
                setting + " must be at least " + MIN_SECRET_LENGTH + " characters long, got "
                    + value.text().length() + " (from " + value.origin() + "; value not shown, it is a secret)");
            return;
          }
          keys.add(scopeOf(id, setting, value.text()));
        });
    return keys;
  }

  /**
   * What a seed's key may do. The FlowChat bot's key calls the FlowChat tools only, as an agent (read,
   * write and workflow tools, no administration); the seeds' other keys were their proxies' only key,
   * so they keep full rights. Both are ordinary key policy, enforced by the gateway's policy engine.
   */
  private static Settings.FixedKey scopeOf(String id, String setting, String secret) {
    if (setting.equals("FLOWCHAT_MCP_KEY")) {
      return new Settings.FixedKey(id, setting, secret, Set.of(Role.AGENT), FlowChatToolProvider.toolNames());
    }
    return new Settings.FixedKey(id, setting, secret, Set.of(Role.ADMIN), Set.of());
  }

  private String parseHost(String text) {
    if (!HOST_TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "must be a host name or IP address such as 127.0.0.1 or 0.0.0.0, got '" + text + "'");
    }
    if (DOTTED_NUMBERS.matcher(text).matches() && !IPV4.matcher(text).matches()) {
      // Otherwise the resolver would look it up as a name and the server fail later as "port in use".
      throw new IllegalArgumentException(
          "is not a valid IPv4 address (four numbers from 0 to 255), got '" + text + "'");
    }
    try {
      InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("names a host that cannot be resolved, got '" + text + "'", e);
    }
    return text;
  }

  private Path parsePath(String text) {
    try {
      return workDir.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path, got '" + text + "'", e);
    }
  }

  /** A directory that exists and is writable, or that can be created under a writable one. */
  private Path parseWritableDir(String text) {
    Path dir = parsePath(text);
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new IllegalArgumentException("is not a directory: '" + text + "' (looked at " + existing + ")");
    }
    if (!Files.isWritable(existing)) {
      throw new IllegalArgumentException("names a directory that is not writable: '" + text + "' (" + existing + ")");
    }
    return dir;
  }

  private Set<String> parseToolNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : splitList(text)) {
      if (!TOOL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a tool name (letters, digits, '_', '-' and '.'), in '" + text + "'");
      }
      names.add(name);
    }
    return names;
  }

  private List<String> parseOrigins(String text) {
    List<String> origins = new ArrayList<>();
    for (String entry : splitList(text)) {
      if (entry.equals("*")) {
        throw new IllegalArgumentException("'*' is not allowed; list the exact origins, e.g. http://localhost:3000");
      }
      origins.add(parseOrigin(entry));
    }
    return List.copyOf(new LinkedHashSet<>(origins));
  }

  private static String parseOrigin(String entry) {
    String problem = "'" + entry + "' is not an origin like https://app.example.com or http://localhost:3000";
    URI uri;
    try {
      uri = new URI(entry);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        uri.getHost() != null
            && uri.getUserInfo() == null
            && uri.getQuery() == null
            && uri.getFragment() == null
            && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
    if (!(scheme.equals("http") || scheme.equals("https")) || !bare) {
      throw new IllegalArgumentException(problem);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static List<String> parseHostHeaders(String text) {
    List<String> hosts = new ArrayList<>();
    for (String entry : splitList(text)) {
      if (!HOST_HEADER.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not a Host value like mcp.example.com, gateway.internal:8080 or example.com:*");
      }
      hosts.add(entry.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(new LinkedHashSet<>(hosts));
  }

  private static URI parseBaseUrl(String text) {
    String problem = "'" + text + "' is not a base URL like https://a.klaviyo.com or http://127.0.0.1:9000";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null && uri.getFragment() == null
            && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"));
    if (!(scheme.equals("http") || scheme.equals("https")) || !bare) {
      throw new IllegalArgumentException(problem);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  private static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false, got '" + text + "'");
    };
  }

  private static List<String> splitList(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Layer readDotEnv(Path file, List<String> problems) {
    if (!Files.isRegularFile(file)) {
      return new Layer(".env", Map.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(".env: cannot read " + file + ": " + e.getMessage());
      return new Layer(".env", Map.of());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? "" : line.substring(0, equals).strip();
      if (!ENV_NAME.matcher(key).matches()) {
        // The line is not quoted: it may hold a secret.
        problems.add(".env line " + (i + 1) + " is not of the form KEY=VALUE");
        continue;
      }
      values.put(key, dotEnvValue(line.substring(equals + 1).strip()));
    }
    return new Layer(".env", values);
  }

  private static String dotEnvValue(String raw) {
    if (raw.length() >= 2
        && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
      return raw.substring(1, raw.length() - 1);
    }
    int comment = raw.indexOf(" #");
    return comment < 0 ? raw : raw.substring(0, comment).strip();
  }

  private static Layer readConfigFile(Path base, Layer environment, Layer dotEnv, List<String> problems) {
    String configured = firstNonBlank(CONFIG, environment, dotEnv);
    Path file;
    try {
      file = base.resolve(configured == null ? DEFAULT_CONFIG_FILE : configured.strip()).normalize();
    } catch (InvalidPathException e) {
      problems.add(CONFIG + " is not a valid path, got '" + configured + "'");
      return new Layer(DEFAULT_CONFIG_FILE, Map.of());
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      if (configured != null) {
        problems.add(CONFIG + " names a file that does not exist: '" + configured + "' (looked for " + file + ")");
      }
      return new Layer(name, Map.of());
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(CONFIG + ": cannot read config file " + file + ": " + e.getMessage());
      return new Layer(name, Map.of());
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, properties.getProperty(k)));
    return new Layer(name, values);
  }

  private static String firstNonBlank(String key, Layer... layers) {
    for (Layer layer : layers) {
      String value = layer.values().get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** Our own prefix is checked strictly so that a typo does not silently fall back to a default. */
  private static void reportUnknownKeys(Layer layer, List<String> problems) {
    layer.values().keySet().stream()
        .filter(key -> key.startsWith("TOOLGATE_") && !KNOWN.contains(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    "unknown setting '" + key + "' in " + layer.name() + closestKnown(key)
                        .map(known -> " (did you mean " + known + "?)")
                        .orElse("")));
  }

  private static Optional<String> closestKnown(String key) {
    return KNOWN.stream()
        .filter(known -> known.startsWith("TOOLGATE_"))
        .min(Comparator.comparingInt(known -> distance(known, key)))
        .filter(known -> distance(known, key) <= 3);
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Map<String, String> fixedKeyIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("API_KEY", "env-api-key");
    ids.put("APP_AUTH_BEARER", "env-app-auth-bearer");
    ids.put("FLOWCHAT_MCP_KEY", "env-flowchat-mcp-key");
    ids.put("X_PROXY_KEY", "env-x-proxy-key");
    return Collections.unmodifiableMap(ids);
  }

  /** One source of settings, named as problems should call it. */
  private record Layer(String name, Map<String, String> values) {}

  private record Value(String text, String origin) {}
}
