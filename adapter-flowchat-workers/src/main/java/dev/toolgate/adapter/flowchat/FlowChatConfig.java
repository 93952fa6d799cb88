package dev.toolgate.adapter.flowchat;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable settings of the FlowChat adapter, built with {@code FlowChatConfig.custom()…build()}. The
 * names in messages are the seed's environment settings ({@code SUPABASE_URL}, {@code
 * DATABASE_WORKER_URL}, …) so an operator knows which one to fix. {@code SUPABASE_URL} and {@code
 * SUPABASE_API_KEY} are required; each worker URL is optional, and a tool whose worker is not set is
 * simply not offered.
 */
public final class FlowChatConfig {
  /** The tools that touch money or customers, which need a human approval unless configured otherwise. */
  public static final Set<String> DEFAULT_APPROVAL_TOOLS =
      Set.of("delete_facture", "mark_facture_paid", "create_and_send_facture", "send_facture_email");

  private final URI supabaseUrl;
  private final String supabaseApiKey;
  private final URI databaseWorkerUrl;
  private final URI documentWorkerUrl;
  private final URI storageWorkerUrl;
  private final URI emailWorkerUrl;
  private final String workerAuthKey;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final Set<String> approvalTools;

  private FlowChatConfig(Builder b) {
    supabaseUrl = b.supabaseUrl;
    supabaseApiKey = b.supabaseApiKey;
    databaseWorkerUrl = b.databaseWorkerUrl;
    documentWorkerUrl = b.documentWorkerUrl;
    storageWorkerUrl = b.storageWorkerUrl;
    emailWorkerUrl = b.emailWorkerUrl;
    workerAuthKey = b.workerAuthKey;
    connectTimeout = b.connectTimeout;
    requestTimeout = b.requestTimeout;
    maxAttempts = b.maxAttempts;
    backoffInitial = b.backoffInitial;
    backoffMax = b.backoffMax;
    approvalTools = Set.copyOf(b.approvalTools);
  }

  /** A builder with the production defaults (timeouts 5 s / 30 s, 3 attempts, backoff 200 ms to 4 s). */
  public static Builder custom() {
    return new Builder();
  }

  /** {@code SUPABASE_URL}: the project's base URL; RPC calls go to {@code /rest/v1/rpc/{function}}. */
  public URI supabaseUrl() {
    return supabaseUrl;
  }

  /** {@code SUPABASE_API_KEY}, sent as {@code apikey} and {@code Authorization: Bearer}. Never logged. */
  String supabaseApiKey() {
    return supabaseApiKey;
  }

  /** {@code DATABASE_WORKER_URL}, if set. */
  public Optional<URI> databaseWorkerUrl() {
    return Optional.ofNullable(databaseWorkerUrl);
  }

  /** {@code DOCUMENT_WORKER_URL}, if set. */
  public Optional<URI> documentWorkerUrl() {
    return Optional.ofNullable(documentWorkerUrl);
  }

  /** {@code STORAGE_WORKER_URL}, if set. */
  public Optional<URI> storageWorkerUrl() {
    return Optional.ofNullable(storageWorkerUrl);
  }

  /** {@code EMAIL_WORKER_URL}, if set. */
  public Optional<URI> emailWorkerUrl() {
    return Optional.ofNullable(emailWorkerUrl);
  }

  /** {@code WORKER_AUTH_KEY}, sent as {@code X-FlowChat-Worker-Auth}; null when the workers check none. */
  String workerAuthKey() {
    return workerAuthKey;
  }

  /** Time to open a connection to a worker or to Supabase. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Time one attempt may take until its whole response is read. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Attempts per call, the first included, for timeouts, network errors and 5xx (never 4xx). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** First wait of the exponential backoff (with jitter) between attempts. */
  public Duration backoffInitial() {
    return backoffInitial;
  }

  /** Longest wait of the backoff. */
  public Duration backoffMax() {
    return backoffMax;
  }

  /** The tools whose every call needs a human approval; default {@link #DEFAULT_APPROVAL_TOOLS}. */
  public Set<String> approvalTools() {
    return approvalTools;
  }

  /** The worker URL a service needs, if set. */
  Optional<URI> urlOf(Service service) {
    return switch (service) {
      case RPC -> Optional.of(supabaseUrl);
      case DATABASE -> databaseWorkerUrl();
      case DOCUMENT -> documentWorkerUrl();
      case STORAGE -> storageWorkerUrl();
      case EMAIL -> emailWorkerUrl();
    };
  }

  @Override
  public String toString() {
    // Keys are secrets: only whether they are set.
    return "FlowChatConfig[SUPABASE_URL=" + supabaseUrl + ", SUPABASE_API_KEY=" + (supabaseApiKey == null ? "unset" : "set")
        + ", DATABASE_WORKER_URL=" + databaseWorkerUrl + ", DOCUMENT_WORKER_URL=" + documentWorkerUrl
        + ", STORAGE_WORKER_URL=" + storageWorkerUrl + ", EMAIL_WORKER_URL=" + emailWorkerUrl
        + ", WORKER_AUTH_KEY=" + (workerAuthKey == null ? "unset" : "set") + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", backoff=" + backoffInitial
        + ".." + backoffMax + ", approvalTools=" + new TreeSet<>(approvalTools) + "]";
  }

  /** Collects settings; {@link #build()} validates them and names each bad one. */
  public static final class Builder {
    private URI supabaseUrl;
    private String supabaseApiKey;
    private URI databaseWorkerUrl;
    private URI documentWorkerUrl;
    private URI storageWorkerUrl;
    private URI emailWorkerUrl;
    private String workerAuthKey;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 3;
    private Duration backoffInitial = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofSeconds(4);
    private Set<String> approvalTools = DEFAULT_APPROVAL_TOOLS;

    private Builder() {}

    public Builder supabase(String url, String apiKey) {
      supabaseUrl = url("SUPABASE_URL", url);
      supabaseApiKey = apiKey;
      return this;
    }

    /** Each worker URL may be null or blank (unset). */
    public Builder workers(String databaseUrl, String documentUrl, String storageUrl, String emailUrl) {
      databaseWorkerUrl = url("DATABASE_WORKER_URL", databaseUrl);
      documentWorkerUrl = url("DOCUMENT_WORKER_URL", documentUrl);
      storageWorkerUrl = url("STORAGE_WORKER_URL", storageUrl);
      emailWorkerUrl = url("EMAIL_WORKER_URL", emailUrl);
      return this;
    }

    /** Null or blank: no {@code X-FlowChat-Worker-Auth} header. */
    public Builder workerAuthKey(String value) {
      workerAuthKey = value == null || value.isBlank() ? null : value;
      return this;
    }

    public Builder timeouts(Duration connect, Duration request) {
      connectTimeout = connect;
      requestTimeout = request;
      return this;
    }

    public Builder retries(int attempts, Duration initial, Duration max) {
      maxAttempts = attempts;
      backoffInitial = initial;
      backoffMax = max;
      return this;
    }

    public Builder approvalTools(Set<String> names) {
      approvalTools = Objects.requireNonNull(names, "approvalTools");
      return this;
    }

    /** The validated config; throws {@link IllegalArgumentException} naming the bad setting and value. */
    public FlowChatConfig build() {
      if (supabaseUrl == null) {
        throw new IllegalArgumentException("SUPABASE_URL is required for the FlowChat tools");
      }
      if (supabaseApiKey == null || supabaseApiKey.isBlank()) {
        throw new IllegalArgumentException("SUPABASE_API_KEY is required when SUPABASE_URL is set");
      }
      positive("connectTimeout", connectTimeout);
      positive("requestTimeout", requestTimeout);
      positive("backoffInitial", backoffInitial);
      positive("backoffMax", backoffMax);
      if (backoffMax.compareTo(backoffInitial) < 0) {
        throw new IllegalArgumentException(
            "backoffMax " + backoffMax + " must not be shorter than backoffInitial " + backoffInitial);
      }
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 10, got " + maxAttempts);
      }
      for (String name : approvalTools) {
        if (!FlowChatCatalog.NAMES.contains(name)) {
          throw new IllegalArgumentException(
              "approval tool '" + name + "' is not a FlowChat tool; known: " + new TreeSet<>(FlowChatCatalog.NAMES));
        }
      }
      return new FlowChatConfig(this);
    }

    private static URI url(String setting, String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      String trimmed = value.strip();
      URI uri;
      try {
        uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(setting + " '" + value + "' is not a valid URL", e);
      }
      if (!uri.isAbsolute() || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(setting + " '" + value + "' must be an absolute http(s) URL with a host");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(setting + " '" + value + "' must have no query or fragment");
      }
      return uri;
    }

    private static void positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }
  }
}
