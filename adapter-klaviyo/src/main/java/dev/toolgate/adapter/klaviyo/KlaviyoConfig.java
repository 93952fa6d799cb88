package dev.toolgate.adapter.klaviyo;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Immutable settings of the Klaviyo adapter, built with {@code KlaviyoConfig.custom()…build()} (or
 * {@link #defaults()}). Every setting has a production default taken from Klaviyo's published
 * limits; tests shorten the timeouts and waits. Invalid values fail in {@link Builder#build()} with a
 * message that quotes them.
 */
public final class KlaviyoConfig {
  /** The API revision this adapter is written and tested against. */
  public static final String REVISION = "2026-07-15";

  private static final Pattern REVISION_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(\\.[a-z0-9]+)?");

  private final URI baseUri;
  private final String revision;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final Duration maxRetryAfter;
  private final List<RequestLimit> reportLimits;
  private final List<RequestLimit> readLimits;
  private final Duration limiterMaxWait;
  private final String conversionMetricName;
  private final Currency fallbackCurrency;

  private KlaviyoConfig(Builder b) {
    this.baseUri = b.baseUri;
    this.revision = b.revision;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.backoffInitial = b.backoffInitial;
    this.backoffMax = b.backoffMax;
    this.maxRetryAfter = b.maxRetryAfter;
    this.reportLimits = b.reportLimits;
    this.readLimits = b.readLimits;
    this.limiterMaxWait = b.limiterMaxWait;
    this.conversionMetricName = b.conversionMetricName;
    this.fallbackCurrency = b.fallbackCurrency;
  }

  /** The production settings. */
  public static KlaviyoConfig defaults() {
    return custom().build();
  }

  /** A builder holding the production settings. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code config}. */
  public static Builder from(KlaviyoConfig config) {
    return new Builder(config);
  }

  /** Where the API lives; default {@code https://a.klaviyo.com}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The {@code revision} header sent with every request; default {@value #REVISION}. */
  public String revision() {
    return revision;
  }

  /** Time to establish a connection; default 5 s. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Time one attempt may take until its response has been read; default 10 s. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * Attempts per request, the first included, for failures worth repeating (429, 5xx, timeouts,
   * broken connections); default 3. 401, 403 and other 4xx are never repeated.
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** First wait of the capped exponential backoff (with jitter) between attempts; default 500 ms. */
  public Duration backoffInitial() {
    return backoffInitial;
  }

  /** Longest wait of the backoff; default 8 s. */
  public Duration backoffMax() {
    return backoffMax;
  }

  /**
   * Longest {@code Retry-After} the adapter waits out; a 429 asking for longer fails at once with
   * {@link dev.toolgate.ports.marketing.MarketingRateLimitedException}; default 10 s.
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Client-side limits per account for each values-report endpoint; default 1 per second and 2 per
   * minute, Klaviyo's published burst and steady limits for these endpoints.
   */
  public List<RequestLimit> reportLimits() {
    return reportLimits;
  }

  /**
   * Client-side limits per account for each other endpoint (lists of campaigns, flows, metrics,
   * accounts); default 3 per second and 60 per minute, the strictest of those endpoints' published
   * limits (GET /api/flows).
   */
  public List<RequestLimit> readLimits() {
    return readLimits;
  }

  /**
   * Longest the adapter waits for its own limiter before failing with
   * {@link dev.toolgate.ports.marketing.MarketingRateLimitedException}; default 10 s.
   */
  public Duration limiterMaxWait() {
    return limiterMaxWait;
  }

  /** Name of the metric counted as a conversion; default {@code Placed Order}. */
  public String conversionMetricName() {
    return conversionMetricName;
  }

  /**
   * Currency assumed when the account's own cannot be read (the key lacks the {@code accounts:read}
   * scope); default USD. Reports say when it was assumed.
   */
  public Currency fallbackCurrency() {
    return fallbackCurrency;
  }

  @Override
  public String toString() {
    return "KlaviyoConfig[baseUri=" + baseUri + ", revision=" + revision
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", maxAttempts=" + maxAttempts + ", backoffInitial=" + backoffInitial
        + ", backoffMax=" + backoffMax + ", maxRetryAfter=" + maxRetryAfter
        + ", reportLimits=" + reportLimits + ", readLimits=" + readLimits
        + ", limiterMaxWait=" + limiterMaxWait + ", conversionMetricName=" + conversionMetricName
        + ", fallbackCurrency=" + fallbackCurrency + "]";
  }

  /**
   * At most {@code permits} requests per {@code period}, in fixed windows.
   *
   * @param permits requests allowed per window, at least 1
   * @param period the window, at least 1 ms
   */
  public record RequestLimit(int permits, Duration period) {
    public RequestLimit {
      Objects.requireNonNull(period, "period");
      if (permits < 1) {
        throw new IllegalArgumentException("request limit permits must be at least 1, got " + permits);
      }
      if (period.toMillis() < 1) {
        throw new IllegalArgumentException("request limit period must be at least 1 ms, got " + period);
      }
    }

    /** {@code permits} per {@code period}, e.g. {@code 2/PT1M}. */
    @Override
    public String toString() {
      return permits + "/" + period;
    }
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private URI baseUri = URI.create("https://a.klaviyo.com");
    private String revision = REVISION;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(10);
    private List<RequestLimit> reportLimits =
        List.of(new RequestLimit(1, Duration.ofSeconds(1)), new RequestLimit(2, Duration.ofMinutes(1)));
    private List<RequestLimit> readLimits =
        List.of(new RequestLimit(3, Duration.ofSeconds(1)), new RequestLimit(60, Duration.ofMinutes(1)));
    private Duration limiterMaxWait = Duration.ofSeconds(10);
    private String conversionMetricName = "Placed Order";
    private Currency fallbackCurrency = Currency.getInstance("USD");

    private Builder() {}

    private Builder(KlaviyoConfig c) {
      baseUri = c.baseUri;
      revision = c.revision;
      connectTimeout = c.connectTimeout;
      requestTimeout = c.requestTimeout;
      maxAttempts = c.maxAttempts;
      backoffInitial = c.backoffInitial;
      backoffMax = c.backoffMax;
      maxRetryAfter = c.maxRetryAfter;
      reportLimits = c.reportLimits;
      readLimits = c.readLimits;
      limiterMaxWait = c.limiterMaxWait;
      conversionMetricName = c.conversionMetricName;
      fallbackCurrency = c.fallbackCurrency;
    }

    public Builder baseUri(URI value) {
      baseUri = value;
      return this;
    }

    public Builder baseUri(String value) {
      Objects.requireNonNull(value, "baseUri");
      try {
        return baseUri(URI.create(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Klaviyo base URI '" + value + "' is not a valid URI", e);
      }
    }

    public Builder revision(String value) {
      revision = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    public Builder maxAttempts(int value) {
      maxAttempts = value;
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

    public Builder reportLimits(List<RequestLimit> value) {
      reportLimits = value;
      return this;
    }

    public Builder readLimits(List<RequestLimit> value) {
      readLimits = value;
      return this;
    }

    public Builder limiterMaxWait(Duration value) {
      limiterMaxWait = value;
      return this;
    }

    public Builder conversionMetricName(String value) {
      conversionMetricName = value;
      return this;
    }

    public Builder fallbackCurrency(Currency value) {
      fallbackCurrency = value;
      return this;
    }

    /** The validated config; throws {@link IllegalArgumentException} quoting the first bad value. */
    public KlaviyoConfig build() {
      Objects.requireNonNull(baseUri, "baseUri");
      String scheme = baseUri.getScheme();
      if (!baseUri.isAbsolute() || baseUri.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(
            "Klaviyo base URI '" + baseUri + "' must be an absolute http(s) URI with a host");
      }
      if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null
          || (baseUri.getRawPath() != null && !baseUri.getRawPath().isEmpty()
              && !baseUri.getRawPath().equals("/"))) {
        throw new IllegalArgumentException(
            "Klaviyo base URI '" + baseUri + "' must have no path, query or fragment");
      }
      Objects.requireNonNull(revision, "revision");
      if (!REVISION_FORMAT.matcher(revision).matches()) {
        throw new IllegalArgumentException(
            "Klaviyo revision '" + revision + "' must look like YYYY-MM-DD[.suffix]");
      }
      requirePositive("connectTimeout", connectTimeout);
      requirePositive("requestTimeout", requestTimeout);
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 10, got " + maxAttempts);
      }
      requirePositive("backoffInitial", backoffInitial);
      requirePositive("backoffMax", backoffMax);
      if (backoffMax.compareTo(backoffInitial) < 0) {
        throw new IllegalArgumentException(
            "backoffMax " + backoffMax + " must not be shorter than backoffInitial " + backoffInitial);
      }
      requireNotNegative("maxRetryAfter", maxRetryAfter);
      requireNotNegative("limiterMaxWait", limiterMaxWait);
      reportLimits = requireLimits("reportLimits", reportLimits);
      readLimits = requireLimits("readLimits", readLimits);
      Objects.requireNonNull(conversionMetricName, "conversionMetricName");
      if (conversionMetricName.isBlank()) {
        throw new IllegalArgumentException(
            "conversionMetricName must not be blank, got '" + conversionMetricName + "'");
      }
      Objects.requireNonNull(fallbackCurrency, "fallbackCurrency");
      if (baseUri.getRawPath() != null && baseUri.getRawPath().equals("/")) {
        baseUri = URI.create(baseUri.getScheme() + "://" + baseUri.getRawAuthority());
      }
      return new KlaviyoConfig(this);
    }

    private static void requirePositive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }

    private static void requireNotNegative(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + value);
      }
    }

    private static List<RequestLimit> requireLimits(String name, List<RequestLimit> value) {
      Objects.requireNonNull(value, name);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(name + " must hold at least one limit, got " + value);
      }
      return List.copyOf(value);
    }
  }
}
