package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.toolgate.adapter.llm.LlmConfig;
import dev.toolgate.adapter.llm.LlmConfigException;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.mcp.McpCatalogMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link LlmSettings}: the platform's YAML file when {@code TOOLGATE_LLM_CONFIG} or
 * {@code MCP_CONFIG_PATH} names one, else the providers' environment variables. Every problem is
 * added to the caller's list under its field path, e.g. {@code llm.providers.groq.temperature: must
 * be between 0 and 2, got 3.5}; nothing is thrown.
 */
final class LlmSettingsLoader {
  static final String LLM_CONFIG = "TOOLGATE_LLM_CONFIG";
  /** The LLM platform's name for its config.yaml, accepted for people who migrate. */
  static final String MCP_CONFIG_PATH = "MCP_CONFIG_PATH";
  static final String LLM_MODEL = "TOOLGATE_LLM_MODEL";
  static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  static final String GROQ_API_KEY = "GROQ_API_KEY";
  static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
  static final String GEMINI_API_KEY = "GEMINI_API_KEY";
  static final String GOOGLE_API_KEY = "GOOGLE_API_KEY";
  static final String DEBUG_TOKENS = "DEBUG_TOKENS";
  /** What the chat's model sees: {@code full} (every tool) or {@code compact}; {@code chat.service.catalog} in the file. */
  static final String CHAT_CATALOG = "TOOLGATE_CHAT_CATALOG";
  /** Whether the model's replies are streamed: {@code chat.service.streaming.enabled} in the file. */
  static final String CHAT_STREAMING = "TOOLGATE_CHAT_STREAMING";

  /** The {@code api_key} (or a key variable's value) that means: no server key, clients bring their own. */
  static final String CLIENT_KEYS = "client";

  static final List<String> KNOWN = List.of(LLM_CONFIG, MCP_CONFIG_PATH, LLM_MODEL, OPENAI_API_KEY, OPENAI_BASE_URL,
      GROQ_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, GOOGLE_API_KEY, DEBUG_TOKENS, CHAT_CATALOG, CHAT_STREAMING);

  /** Each well-known provider: its wire protocol, where it is, its key's variable and a default model. */
  private record Known(LlmConfig.Kind kind, String baseUrl, String keyVariable, String defaultModel) {}

  private static final Map<String, Known> KNOWN_PROVIDERS = knownProviders();
  private static final Set<String> PROVIDER_FIELDS =
      Set.of("kind", "api_key", "model", "base_url", "temperature", "max_tokens", "top_p", "timeout_seconds",
          "max_retries", "prices_file");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Function<String, String> lookup;
  private final Function<String, Path> parsePath;
  private final List<String> problems;

  /**
   * @param lookup a setting's value from the layered sources, or null when not set
   * @param parsePath resolves a path setting against the working directory
   */
  LlmSettingsLoader(Function<String, String> lookup, Function<String, Path> parsePath, List<String> problems) {
    this.lookup = lookup;
    this.parsePath = parsePath;
    this.problems = problems;
  }

  private static Map<String, Known> knownProviders() {
    Map<String, Known> known = new LinkedHashMap<>();
    known.put("openai", new Known(LlmConfig.Kind.OPENAI_COMPATIBLE, null, OPENAI_API_KEY, "gpt-6-luna"));
    known.put("groq", new Known(LlmConfig.Kind.OPENAI_COMPATIBLE, "https://api.groq.com/openai/v1", GROQ_API_KEY,
        "openai/gpt-oss-120b"));
    known.put("anthropic", new Known(LlmConfig.Kind.ANTHROPIC, null, ANTHROPIC_API_KEY, "claude-haiku-5-5"));
    known.put("gemini", new Known(LlmConfig.Kind.GEMINI, null, GEMINI_API_KEY, "gemini-3.5-flash"));
    known.put("ollama", new Known(LlmConfig.Kind.OPENAI_COMPATIBLE, "http://localhost:11434/v1", null, null));
    return known;
  }

  LlmSettings load() {
    String fileSetting = lookup.apply(LLM_CONFIG) != null ? LLM_CONFIG : MCP_CONFIG_PATH;
    String fileText = lookup.apply(fileSetting);
    LlmSettings settings = fileText == null ? fromEnvironment() : fromFile(fileSetting, parsePath.apply(fileText));
    String debug = lookup.apply(DEBUG_TOKENS);
    if (debug != null && !Set.of("0", "1", "true", "false").contains(debug.toLowerCase(Locale.ROOT))) {
      problems.add(DEBUG_TOKENS + ": must be 1 or 0, got '" + debug + "'");
    }
    String streaming = lookup.apply(CHAT_STREAMING);
    if (streaming != null) {
      if (!Set.of("0", "1", "true", "false").contains(streaming.toLowerCase(Locale.ROOT))) {
        problems.add(CHAT_STREAMING + ": must be 1 or 0, got '" + streaming + "'");
      } else {
        settings = settings.withStreaming(streaming.equals("1") || streaming.equalsIgnoreCase("true"));
      }
    }
    String catalog = lookup.apply(CHAT_CATALOG);
    if (catalog != null) {
      settings = settings.withCompactCatalogue(catalogMode(CHAT_CATALOG, catalog, settings.compactCatalogue()));
    }
    return settings.withDebugTokens(debug != null && (debug.equals("1") || debug.equalsIgnoreCase("true")));
  }

  /** {@code compact} → true, {@code full} → false; anything else is a problem (and {@code fallback}). */
  private boolean catalogMode(String field, String value, boolean fallback) {
    try {
      return McpCatalogMode.parse(value) == McpCatalogMode.COMPACT;
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return fallback;
    }
  }

  // ---- the environment alone

  private LlmSettings fromEnvironment() {
    List<LlmConfig> providers = new ArrayList<>();
    String model = lookup.apply(LLM_MODEL);
    String openAiUrl = lookup.apply(OPENAI_BASE_URL);
    if (lookup.apply(OPENAI_API_KEY) != null || openAiUrl != null) {
      boolean local = openAiUrl != null && !openAiUrl.startsWith("https://api.openai.com");
      if (local && model == null) {
        problems.add(LLM_MODEL + ": is required with " + OPENAI_BASE_URL + " (the model the server at " + openAiUrl
            + " serves, e.g. llama3.2 for Ollama)");
      } else {
        add(providers, "openai", keyed(LlmConfig.custom().baseUrl(openAiUrl), lookup.apply(OPENAI_API_KEY)), model);
      }
    }
    if (lookup.apply(GROQ_API_KEY) != null) {
      add(providers, "groq", keyed(LlmConfig.custom(), lookup.apply(GROQ_API_KEY)), model);
    }
    if (lookup.apply(ANTHROPIC_API_KEY) != null) {
      add(providers, "anthropic", keyed(LlmConfig.custom(), lookup.apply(ANTHROPIC_API_KEY)), model);
    }
    String geminiKey = lookup.apply(GEMINI_API_KEY) != null ? lookup.apply(GEMINI_API_KEY) : lookup.apply(GOOGLE_API_KEY);
    if (geminiKey != null) {
      add(providers, "gemini", keyed(LlmConfig.custom(), geminiKey), model);
    }
    if (providers.isEmpty() && model != null) {
      problems.add(LLM_MODEL + ": names model '" + model + "' but no provider is configured (set " + OPENAI_API_KEY
          + ", " + OPENAI_BASE_URL + ", " + GROQ_API_KEY + ", " + ANTHROPIC_API_KEY + " or " + GEMINI_API_KEY + ")");
    }
    return providers.isEmpty()
        ? LlmSettings.none()
        : new LlmSettings(providers, false, LlmSettings.DEFAULT_CONTEXT_MAX_TOKENS, LlmSettings.DEFAULT_RESERVE_TOKENS,
            LlmSettings.DEFAULT_PRESERVE_RECENT, null, null, false, false);
  }

  /** A key variable's value: the key, or {@value #CLIENT_KEYS} for clients' own keys only. */
  private static LlmConfig.Builder keyed(LlmConfig.Builder builder, String value) {
    return CLIENT_KEYS.equals(value) ? builder.clientKeysOnly(true) : builder.apiKey(value);
  }

  /** {@code model} (TOOLGATE_LLM_MODEL) is for the first, active provider; the others keep their defaults. */
  private void add(List<LlmConfig> providers, String name, LlmConfig.Builder builder, String model) {
    Known known = KNOWN_PROVIDERS.get(name);
    builder.name(name).kind(known.kind()).defaultModel(providers.isEmpty() && model != null ? model : known.defaultModel());
    if (known.baseUrl() != null && !name.equals("openai")) {
      builder.baseUrl(known.baseUrl());
    }
    build(builder).ifPresent(providers::add);
  }

  private Optional<LlmConfig> build(LlmConfig.Builder builder) {
    try {
      return Optional.of(builder.build());
    } catch (LlmConfigException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  // ---- the platform's config.yaml

  private LlmSettings fromFile(String setting, Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      problems.add(setting + ": cannot read the model settings file " + file + ": " + e.getMessage());
      return LlmSettings.none();
    }
    if (root == null || !root.isObject()) {
      problems.add(setting + ": " + file + " must be a YAML mapping with an 'llm' section");
      return LlmSettings.none();
    }
    // The platform's file also holds its WebSocket and MCP connection sections; Toolgate has its own.
    unknownFields(root, "", Set.of("llm", "chat", "websocket", "mcp"));
    JsonNode llm = root.path("llm");
    unknownFields(llm, "llm.", Set.of("active", "providers"));
    JsonNode service = root.path("chat").path("service");
    unknownFields(root.path("chat"), "chat.", Set.of("service"));
    unknownFields(service, "chat.service.", Set.of("streaming", "context", "max_tool_hops", "catalog"));
    unknownFields(service.path("streaming"), "chat.service.streaming.", Set.of("enabled"));
    unknownFields(service.path("context"), "chat.service.context.", Set.of("max_tokens", "reserve_tokens", "preserve_recent"));

    boolean streaming = bool(service.path("streaming").path("enabled"), "chat.service.streaming.enabled", false);
    int maxTokens = integer(service.path("context").path("max_tokens"), "chat.service.context.max_tokens",
        LlmSettings.DEFAULT_CONTEXT_MAX_TOKENS, 256, 10_000_000);
    int reserve = integer(service.path("context").path("reserve_tokens"), "chat.service.context.reserve_tokens",
        Math.min(LlmSettings.DEFAULT_RESERVE_TOKENS, maxTokens / 2), 1, 10_000_000);
    int recent = integer(service.path("context").path("preserve_recent"), "chat.service.context.preserve_recent",
        LlmSettings.DEFAULT_PRESERVE_RECENT, 1, 1000);
    if (reserve >= maxTokens) {
      problems.add("chat.service.context.reserve_tokens: must be less than max_tokens (" + maxTokens + "), got "
          + reserve);
    }
    Integer hops = service.has("max_tool_hops")
        ? integer(service.path("max_tool_hops"), "chat.service.max_tool_hops", 8, 1, GatewayConfig.MAX_CHAT_TOOL_HOPS)
        : null;

    boolean compact = false;
    if (service.hasNonNull("catalog")) {
      compact = catalogMode("chat.service.catalog", service.path("catalog").asText(), false);
    }

    JsonNode providersNode = llm.path("providers");
    String active = llm.path("active").isTextual() ? llm.path("active").asText() : null;
    if (!providersNode.isObject() || providersNode.isEmpty()) {
      problems.add("llm.providers: must map each provider's name to its settings, e.g. groq: {api_key:"
          + " \"env:GROQ_API_KEY\", model: ...}");
      return LlmSettings.none();
    }
    if (active == null || !providersNode.has(active)) {
      problems.add("llm.active: must name one of llm.providers (" + String.join(", ", names(providersNode)) + "), got "
          + (active == null ? "none" : "'" + active + "'"));
      return LlmSettings.none();
    }
    List<LlmConfig> providers = new ArrayList<>();
    for (String name : names(providersNode)) {
      boolean isActive = name.equals(active);
      LlmConfig config = provider(name, providersNode.get(name), isActive);
      if (config != null) {
        if (isActive) {
          providers.add(0, config);
        } else {
          providers.add(config);
        }
      }
    }
    if (providers.isEmpty() || !providers.get(0).name().equals(active)) {
      return LlmSettings.none();
    }
    return new LlmSettings(providers, streaming, maxTokens, reserve, recent, hops, file, false, compact);
  }

  /**
   * One provider; null when it has a problem (reported) or, not being the active one, has no key
   * (it is then simply not offered).
   */
  private LlmConfig provider(String name, JsonNode node, boolean active) {
    String prefix = "llm.providers." + name + ".";
    if (!node.isObject()) {
      problems.add("llm.providers." + name + ": must be a mapping of settings, got " + node.getNodeType());
      return null;
    }
    unknownFields(node, prefix, PROVIDER_FIELDS);
    Known known = KNOWN_PROVIDERS.get(name);
    LlmConfig.Builder builder = LlmConfig.custom().name(name);
    if (node.has("kind")) {
      LlmConfig.Kind kind = LlmConfig.Kind.fromConfigName(node.path("kind").asText());
      if (kind == null) {
        problems.add(prefix + "kind: must be openai-compatible, anthropic or gemini, got " + node.get("kind"));
        return null;
      }
      builder.kind(kind);
    } else if (known != null) {
      builder.kind(known.kind());
    }
    String baseUrl = text(node, "base_url", prefix);
    builder.baseUrl(baseUrl != null ? baseUrl : known == null || name.equals("openai") ? null : known.baseUrl());
    boolean clientKeys = CLIENT_KEYS.equals(text(node, "api_key", prefix));
    String key = clientKeys ? null : apiKey(node, prefix, active);
    if (!active && key == null && !clientKeys && (baseUrl == null || !isLoopback(baseUrl))) {
      return null;
    }
    builder.apiKey(key).clientKeysOnly(clientKeys);
    String model = text(node, "model", prefix);
    builder.defaultModel(model != null ? model : known == null ? null : known.defaultModel());
    builder.temperature(decimal(node, "temperature", prefix));
    if (node.has("max_tokens")) {
      builder.maxTokens(integer(node.get("max_tokens"), prefix + "max_tokens", 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    builder.topP(decimal(node, "top_p", prefix));
    if (node.has("timeout_seconds")) {
      builder.timeout(Duration.ofSeconds(
          integer(node.get("timeout_seconds"), prefix + "timeout_seconds", 60, 1, 3600)));
    }
    if (node.has("max_retries")) {
      builder.maxRetries(integer(node.get("max_retries"), prefix + "max_retries", 2, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    String prices = text(node, "prices_file", prefix);
    if (prices != null) {
      Path path = parsePath.apply(prices);
      if (!Files.isRegularFile(path)) {
        problems.add(prefix + "prices_file: names a file that does not exist: '" + prices + "' (looked for " + path + ")");
      } else {
        builder.pricesFile(path);
      }
    }
    return build(builder).orElse(null);
  }

  /**
   * {@code api_key}: {@code "env:NAME"} reads the variable; {@value #CLIENT_KEYS} (handled by the
   * caller) means no server key, each client brings its own; anything else is the key itself.
   */
  private String apiKey(JsonNode node, String prefix, boolean active) {
    String value = text(node, "api_key", prefix);
    if (value == null || !value.startsWith("env:")) {
      return value;
    }
    String variable = value.substring(4).strip();
    String key = lookup.apply(variable);
    if (key == null && active) {
      problems.add(prefix + "api_key: names environment variable " + variable + ", which is not set");
    }
    return key;
  }

  private void unknownFields(JsonNode node, String prefix, Set<String> known) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        problems.add(prefix + field + ": unknown setting (known: " + String.join(", ", known.stream().sorted().toList())
            + ")");
      }
    }
  }

  private String text(JsonNode node, String field, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      problems.add(prefix + field + ": must be text, got " + value);
      return null;
    }
    return value.asText().isBlank() ? null : value.asText().strip();
  }

  private Double decimal(JsonNode node, String field, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      problems.add(prefix + field + ": must be a number, got " + value);
      return null;
    }
    return value.asDouble();
  }

  private boolean bool(JsonNode value, String path, boolean fallback) {
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problems.add(path + ": must be true or false, got " + value);
      return fallback;
    }
    return value.asBoolean();
  }

  private int integer(JsonNode value, String path, int fallback, int min, int max) {
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      problems.add(path + ": must be a whole number, got " + value);
      return fallback;
    }
    int number = value.asInt();
    if (number < min || number > max) {
      problems.add(path + ": must be from " + min + " to " + max + ", got " + number);
      return fallback;
    }
    return number;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static boolean isLoopback(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.contains("://localhost") || lower.contains("://127.") || lower.contains("://[::1]");
  }
}
