package dev.toolgate.adapter.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Immutable settings of one model provider, built with {@code LlmConfig.custom()…build()}. The
 * {@link #name()} is the key under {@code llm.providers} (e.g. {@code groq}); every problem
 * {@link Builder#build()} finds is reported at once, each under its field path, e.g.
 * {@code llm.providers.groq.temperature: must be between 0 and 2, got 3.5}.
 *
 * <p>The API key never appears in {@link #toString()} or in any message of this adapter.
 */
public final class LlmConfig {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  /** The wire protocol a provider speaks. */
  public enum Kind {
    /** OpenAI chat completions: OpenAI itself and every compatible server (Groq, Ollama, vLLM, llama.cpp). */
    OPENAI_COMPATIBLE("openai-compatible", "openai", "https://api.openai.com/v1"),
    /** Anthropic messages. */
    ANTHROPIC("anthropic", "anthropic", "https://api.anthropic.com/v1"),
    /** Gemini Developer API generateContent / streamGenerateContent. */
    GEMINI("gemini", "gemini", "https://generativelanguage.googleapis.com/v1beta");

    private final String configName;
    private final String vendor;
    private final String defaultBaseUrl;

    Kind(String configName, String vendor, String defaultBaseUrl) {
      this.configName = configName;
      this.vendor = vendor;
      this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The spelling in configuration files: {@code openai-compatible}, {@code anthropic}, {@code gemini}. */
    public String configName() {
      return configName;
    }

    /** The vendor whose price list applies when the price table has no row for the provider's own name. */
    String vendor() {
      return vendor;
    }

    /** The vendor's public API base URL, used when none is configured. */
    public String defaultBaseUrl() {
      return defaultBaseUrl;
    }

    /** The kind spelled as in configuration files; null when the spelling is unknown. */
    public static Kind fromConfigName(String value) {
      for (Kind kind : values()) {
        if (kind.configName.equals(value)) {
          return kind;
        }
      }
      return null;
    }
  }

  private final String name;
  private final Kind kind;
  private final boolean active;
  private final URI baseUrl;
  private final String apiKey;
  private final boolean clientKeysOnly;
  private final String defaultModel;
  private final Double temperature;
  private final Integer maxTokens;
  private final Double topP;
  private final Duration timeout;
  private final int maxRetries;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final Duration maxRetryAfter;
  private final Path pricesFile;

  private LlmConfig(Builder b) {
    name = b.name;
    kind = b.kind;
    active = b.active;
    baseUrl = URI.create(stripTrailingSlash(b.baseUrl == null ? b.kind.defaultBaseUrl() : b.baseUrl));
    apiKey = b.apiKey;
    clientKeysOnly = b.clientKeysOnly;
    defaultModel = b.defaultModel;
    temperature = b.temperature;
    maxTokens = b.maxTokens;
    topP = b.topP;
    timeout = b.timeout;
    maxRetries = b.maxRetries;
    backoffInitial = b.backoffInitial;
    backoffMax = b.backoffMax;
    maxRetryAfter = b.maxRetryAfter;
    pricesFile = b.pricesFile;
  }

  /** A copy that authenticates with {@code key} instead (a client's own key); everything else is kept. */
  private LlmConfig(LlmConfig base, String key) {
    name = base.name;
    kind = base.kind;
    active = base.active;
    baseUrl = base.baseUrl;
    apiKey = key;
    clientKeysOnly = base.clientKeysOnly;
    defaultModel = base.defaultModel;
    temperature = base.temperature;
    maxTokens = base.maxTokens;
    topP = base.topP;
    timeout = base.timeout;
    maxRetries = base.maxRetries;
    backoffInitial = base.backoffInitial;
    backoffMax = base.backoffMax;
    maxRetryAfter = base.maxRetryAfter;
    pricesFile = base.pricesFile;
  }

  /** This provider's settings with another API key; the key is checked like a configured one (not blank). */
  LlmConfig withApiKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("the API key for provider '" + name + "' must not be blank");
    }
    return new LlmConfig(this, key);
  }

  public static Builder custom() {
    return new Builder();
  }

  /** The provider's name in configuration, e.g. {@code groq}, {@code openai}, {@code anthropic}. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the provider is in use; an active provider must have an API key (loopback servers excepted). */
  public boolean active() {
    return active;
  }

  /** Without a trailing slash; OpenAI-style URLs include {@code /v1}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Whether the server has no key for this provider on purpose: each client that uses it brings its
   * own ({@code api_key: "client"}); a client without one may not choose its models.
   */
  public boolean clientKeysOnly() {
    return clientKeysOnly;
  }

  /** The API key, or null (inactive, or a loopback server that ignores keys). Never log it. */
  String apiKey() {
    return apiKey;
  }

  /** Whether an API key is configured, for status pages that must not show the key. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  public String defaultModel() {
    return defaultModel;
  }

  /** Default temperature, or null for the provider's own default. */
  public Double temperature() {
    return temperature;
  }

  /** Default reply limit, or null for the provider's own default (Anthropic requires one: 4096 then). */
  public Integer maxTokens() {
    return maxTokens;
  }

  /** Default nucleus sampling, or null for the provider's own default. */
  public Double topP() {
    return topP;
  }

  /** How long one attempt may take, the streamed body included. */
  public Duration timeout() {
    return timeout;
  }

  /** Retries after the first attempt on 429, 5xx, timeouts and connection failures (0 = none). */
  public int maxRetries() {
    return maxRetries;
  }

  public Duration backoffInitial() {
    return backoffInitial;
  }

  public Duration backoffMax() {
    return backoffMax;
  }

  /** The longest {@code Retry-After} the adapter waits; a provider asking for more fails at once. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** A JSON price file whose rows replace or add to the shipped ones, or null. */
  public Path pricesFile() {
    return pricesFile;
  }

  @Override
  public String toString() {
    return "LlmConfig[name=" + name + ", kind=" + kind.configName() + ", active=" + active
        + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey != null ? "***" : clientKeysOnly ? "client" : "none")
        + ", defaultModel=" + defaultModel + ", temperature=" + temperature + ", maxTokens=" + maxTokens
        + ", topP=" + topP + ", timeout=" + timeout + ", maxRetries=" + maxRetries
        + ", backoffInitial=" + backoffInitial + ", backoffMax=" + backoffMax
        + ", maxRetryAfter=" + maxRetryAfter + ", pricesFile=" + pricesFile + "]";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Collects settings; {@link #build()} validates all of them and reports every problem at once. */
  public static final class Builder {
    private String name;
    private Kind kind;
    private boolean active = true;
    private String baseUrl;
    private String apiKey;
    private boolean clientKeysOnly;
    private String defaultModel;
    private Double temperature;
    private Integer maxTokens;
    private Double topP;
    private Duration timeout = Duration.ofSeconds(60);
    private int maxRetries = 2;
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private Path pricesFile;

    private Builder() {}

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder kind(Kind value) {
      kind = value;
      return this;
    }

    public Builder active(boolean value) {
      active = value;
      return this;
    }

    /** Null for the vendor's public URL. OpenAI-compatible URLs end in {@code /v1}, e.g. {@code http://localhost:11434/v1}. */
    public Builder baseUrl(String value) {
      baseUrl = value;
      return this;
    }

    public Builder apiKey(String value) {
      apiKey = value == null || value.isBlank() ? null : value;
      return this;
    }

    /**
     * No server key: every call uses the asking client's own key ({@code api_key: "client"}). An
     * active provider then needs no key; giving one as well is a problem.
     */
    public Builder clientKeysOnly(boolean value) {
      clientKeysOnly = value;
      return this;
    }

    public Builder defaultModel(String value) {
      defaultModel = value;
      return this;
    }

    public Builder temperature(Double value) {
      temperature = value;
      return this;
    }

    public Builder maxTokens(Integer value) {
      maxTokens = value;
      return this;
    }

    public Builder topP(Double value) {
      topP = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder maxRetries(int value) {
      maxRetries = value;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      backoffInitial = initial;
      backoffMax = max;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      maxRetryAfter = value;
      return this;
    }

    public Builder pricesFile(Path value) {
      pricesFile = value;
      return this;
    }

    /** The validated config; throws {@link LlmConfigException} listing every problem with its field. */
    public LlmConfig build() {
      List<String> problems = new ArrayList<>();
      String prefix = "llm.providers." + (name == null ? "?" : name) + ".";
      if (name == null || !NAME.matcher(name).matches()) {
        problems.add("llm.providers: provider name must be 1-40 lowercase letters, digits, '_' or '-', got "
            + (name == null ? "none" : "'" + name + "'"));
      }
      if (kind == null) {
        problems.add(prefix + "kind: is required (openai-compatible, anthropic or gemini)");
      }
      URI uri = null;
      if (baseUrl != null) {
        try {
          uri = URI.create(baseUrl);
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))
              || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(prefix + "base_url: must be an absolute http(s) URL with a host and no query, got '"
                + baseUrl + "'");
            uri = null;
          }
        } catch (IllegalArgumentException e) {
          problems.add(prefix + "base_url: is not a valid URL, got '" + baseUrl + "'");
        }
      }
      if (clientKeysOnly && apiKey != null) {
        problems.add(prefix + "api_key: is both a key and \"client\" (clients' own keys only); give one of them");
      }
      if (active && apiKey == null && !clientKeysOnly && !(uri != null && isLoopback(uri))) {
        problems.add(prefix + "api_key: is required for an active provider (set it, e.g. \"env:"
            + (name == null ? "NAME" : name.toUpperCase(Locale.ROOT).replace('-', '_')) + "_API_KEY\"), "
            + "unless base_url points at a local server, or \"client\" when every client brings its own key");
      }
      if (defaultModel == null || defaultModel.isBlank()) {
        problems.add(prefix + "model: is required (the default model), got "
            + (defaultModel == null ? "none" : "'" + defaultModel + "'"));
      }
      if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
        problems.add(prefix + "temperature: must be between 0 and 2, got " + temperature);
      }
      if (maxTokens != null && maxTokens < 1) {
        problems.add(prefix + "max_tokens: must be greater than 0, got " + maxTokens);
      }
      if (topP != null && !(topP >= 0 && topP <= 1)) {
        problems.add(prefix + "top_p: must be between 0 and 1, got " + topP);
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add(prefix + "timeout: must be positive, got " + timeout);
      }
      if (maxRetries < 0 || maxRetries > 10) {
        problems.add(prefix + "max_retries: must be between 0 and 10, got " + maxRetries);
      }
      if (backoffInitial == null || backoffInitial.isNegative() || backoffInitial.isZero()) {
        problems.add(prefix + "backoff_initial: must be positive, got " + backoffInitial);
      } else if (backoffMax == null || backoffMax.compareTo(backoffInitial) < 0) {
        problems.add(prefix + "backoff_max: must not be shorter than backoff_initial " + backoffInitial
            + ", got " + backoffMax);
      }
      if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
        problems.add(prefix + "max_retry_after: must not be negative, got " + maxRetryAfter);
      }
      if (!problems.isEmpty()) {
        throw new LlmConfigException(problems);
      }
      return new LlmConfig(this);
    }

    private static boolean isLoopback(URI uri) {
      String host = uri.getHost();
      return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
  }
}
