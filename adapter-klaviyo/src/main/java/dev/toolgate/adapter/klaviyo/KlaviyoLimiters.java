package dev.toolgate.adapter.klaviyo;

import dev.toolgate.adapter.klaviyo.KlaviyoConfig.RequestLimit;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingRateLimitedException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Client-side limiters, one set per (account, endpoint), so that this gateway alone never exceeds
 * Klaviyo's per-account, per-endpoint windows. Klaviyo's buckets are per account, shared by all of
 * its keys; a key is the closest thing to an account that is known before the first call, so the
 * key's fingerprint names the set.
 */
final class KlaviyoLimiters {
  private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
  private final Duration maxWait;

  KlaviyoLimiters(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /**
   * Takes one permit from every limit of {@code endpoint} for the account, waiting (at most the
   * configured maximum) until all of them allow a request.
   *
   * @throws MarketingRateLimitedException when a limit would make the request wait longer
   */
  void acquire(MarketingAccount account, String endpoint, List<RequestLimit> limits) {
    long waitNanos = 0;
    for (int i = 0; i < limits.size(); i++) {
      RequestLimit limit = limits.get(i);
      RateLimiter limiter = limiter(account, endpoint, i, limit);
      long reserved = limiter.reservePermission();
      if (reserved < 0) {
        Duration retryAfter = estimate(limiter, limit);
        throw new MarketingRateLimitedException(
            account.clientKey(),
            "Toolgate keeps client '" + account.clientKey() + "' under Klaviyo's limit of " + limit.permits()
                + " request(s) per " + limit.period() + " for " + endpoint + "; the next slot is in about "
                + retryAfter.toSeconds() + " s, longer than the " + maxWait + " it may wait",
            retryAfter);
      }
      waitNanos = Math.max(waitNanos, reserved);
    }
    if (waitNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while waiting for the Klaviyo rate limiter", e);
      }
    }
  }

  private RateLimiter limiter(MarketingAccount account, String endpoint, int index, RequestLimit limit) {
    String name = account.keyFingerprint() + " " + endpoint + " #" + index;
    return registry.rateLimiter(
        name,
        () ->
            RateLimiterConfig.custom()
                .limitForPeriod(limit.permits())
                .limitRefreshPeriod(limit.period())
                .timeoutDuration(maxWait)
                .build());
  }

  private static Duration estimate(RateLimiter limiter, RequestLimit limit) {
    if (limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics) {
      long nanos = metrics.getNanosToWait();
      if (nanos > 0) {
        return Duration.ofNanos(nanos);
      }
    }
    return limit.period();
  }
}
