package dev.toolgate.core.ratelimit;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets ({@link TokenBucket}) per API key and per client, in this process's memory (see
 * docs/adr/0008-rate-limits-per-process.md). A call never waits for a permit: over the limit it is
 * refused with the time until the next permit. Buckets are keyed by the limit too, so changing a
 * key's or client's limit takes effect with a fresh bucket.
 *
 * <p>Idle buckets are evicted, amortised on access: at most once per {@link #SWEEP_EVERY} of the
 * gateway's clock, a call removes every bucket that has refilled completely. A full bucket behaves
 * exactly like a new one, so eviction changes no decision; it only keeps keys that stopped calling
 * (and buckets of limits since changed) from piling up.
 */
public final class RateLimits {
  public static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final GatewayConfig config;
  private final Clock clock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong nextSweepNanos = new AtomicLong(Long.MIN_VALUE);

  public RateLimits(GatewayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Takes one permit from the key's bucket, then from the client's; the refusal names the scope. */
  public Optional<ToolOutcome.RateLimited> acquire(String tool, Principal principal, ClientProfile client) {
    long now = nanos(clock.instant());
    sweepIfDue(now);
    RateLimitSpec keyLimit =
        principal.rateLimit() != null ? principal.rateLimit() : config.defaultRateLimit();
    long keyWait = take("key:" + principal.keyId() + ":" + keyLimit, keyLimit, now);
    if (keyWait > 0) {
      return Optional.of(new ToolOutcome.RateLimited(tool, "key", millisRoundedUp(keyWait)));
    }
    if (client != null && client.rateLimit() != null) {
      RateLimitSpec clientLimit = client.rateLimit();
      long clientWait = take("client:" + client.clientKey() + ":" + clientLimit, clientLimit, now);
      if (clientWait > 0) {
        return Optional.of(new ToolOutcome.RateLimited(tool, "client", millisRoundedUp(clientWait)));
      }
    }
    return Optional.empty();
  }

  /** How many buckets are held; for tests of eviction. */
  public int size() {
    return buckets.size();
  }

  /** 0 when a permit was taken, else the nanoseconds until one is free. */
  private long take(String name, RateLimitSpec spec, long now) {
    long[] wait = new long[1];
    // compute() holds the entry while the bucket changes: takes on one bucket are serialised, and
    // a sweep cannot evict a bucket between a caller finding it and taking from it.
    buckets.compute(
        name,
        (n, bucket) -> {
          TokenBucket current = bucket != null ? bucket : new TokenBucket(spec);
          wait[0] = current.tryTake(now);
          return current;
        });
    return wait[0];
  }

  private void sweepIfDue(long now) {
    long due = nextSweepNanos.get();
    if (now < due || !nextSweepNanos.compareAndSet(due, now + SWEEP_EVERY.toNanos())) {
      return;
    }
    for (String name : buckets.keySet()) {
      buckets.computeIfPresent(name, (n, bucket) -> bucket.fullAt(now) ? null : bucket);
    }
  }

  private static long nanos(Instant instant) {
    return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
  }

  // Rounded up so that a caller who waits exactly this long finds a permit.
  private static long millisRoundedUp(long nanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
  }
}
