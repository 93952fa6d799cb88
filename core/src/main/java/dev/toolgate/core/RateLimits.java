package dev.toolgate.core;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.RateLimitSpec;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Token buckets per API key and per client (resilience4j). A call never waits for a permit: over
 * the limit it is refused with the time until the next permit. Limiters are keyed by the limit
 * too, so changing a key's or client's limit takes effect with a fresh bucket.
 */
final class RateLimits {
  private final GatewayConfig config;
  private final Supplier<Long> nanoTime;
  private final Map<String, AtomicRateLimiter> limiters = new ConcurrentHashMap<>();

  RateLimits(GatewayConfig config, Clock clock) {
    this.config = config;
    // The limiter measures time through the gateway's clock, so tests can move it.
    this.nanoTime =
        () -> {
          Instant now = clock.instant();
          return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
  }

  /** Takes one permit from the key's bucket, then from the client's; the refusal names the scope. */
  Optional<ToolOutcome.RateLimited> acquire(String tool, Principal principal, ClientProfile client) {
    RateLimitSpec keyLimit =
        principal.rateLimit() != null ? principal.rateLimit() : config.defaultRateLimit();
    Optional<Long> keyWait = take("key:" + principal.keyId() + ":" + keyLimit, keyLimit);
    if (keyWait.isPresent()) {
      return Optional.of(new ToolOutcome.RateLimited(tool, "key", keyWait.get()));
    }
    if (client != null && client.rateLimit() != null) {
      RateLimitSpec clientLimit = client.rateLimit();
      Optional<Long> clientWait = take("client:" + client.clientKey() + ":" + clientLimit, clientLimit);
      if (clientWait.isPresent()) {
        return Optional.of(new ToolOutcome.RateLimited(tool, "client", clientWait.get()));
      }
    }
    return Optional.empty();
  }

  /** Empty when a permit was taken, else the milliseconds until one is free (at least 1). */
  private Optional<Long> take(String name, RateLimitSpec spec) {
    AtomicRateLimiter limiter = limiters.computeIfAbsent(name, n -> newLimiter(n, spec));
    if (limiter.acquirePermission()) {
      return Optional.empty();
    }
    long nanos = limiter.getDetailedMetrics().getNanosToWait();
    return Optional.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
  }

  private AtomicRateLimiter newLimiter(String name, RateLimitSpec spec) {
    RateLimiterConfig limiterConfig =
        RateLimiterConfig.custom()
            .limitForPeriod(spec.permits())
            .limitRefreshPeriod(spec.period())
            .timeoutDuration(Duration.ZERO)
            .build();
    return new AtomicRateLimiter(name, limiterConfig, Map.of(), nanoTime);
  }
}
