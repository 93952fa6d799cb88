package dev.toolgate.core.ratelimit;

import dev.toolgate.ports.auth.RateLimitSpec;

/**
 * One token bucket: holds up to {@code permits} tokens and gains one every {@code period / permits}.
 * A call takes one token or, when none is left, learns how long until one is. Starts full.
 *
 * <p>Stored as a single instant, the time at which the bucket would be full again (the "theoretical
 * arrival time" of GCRA, the cell-rate algorithm equivalent to a token bucket): taking a token
 * pushes it one interval later; a take is allowed while it lies less than one period ahead. So the
 * bucket needs no refill timer, keeps exact integer nanoseconds, and is full — indistinguishable from
 * a new bucket — once that instant has passed, which is what lets {@link RateLimits} evict it.
 *
 * <p>Not thread-safe: {@link RateLimits} serialises access per bucket.
 */
public final class TokenBucket {
  private final long intervalNanos;
  private final long toleranceNanos;
  private long fullAtNanos = Long.MIN_VALUE;

  public TokenBucket(RateLimitSpec spec) {
    long periodNanos = spec.period().toNanos();
    // Rounded down: over a long run the bucket grants at most a few nanoseconds' worth too many.
    this.intervalNanos = Math.max(1, periodNanos / spec.permits());
    this.toleranceNanos = periodNanos - intervalNanos;
  }

  /**
   * Takes one token at {@code nowNanos} (any monotonic nanosecond scale, the same for every call).
   *
   * @return 0 if a token was taken, else the nanoseconds until one will be available (at least 1)
   */
  public long tryTake(long nowNanos) {
    long start = Math.max(fullAtNanos, nowNanos);
    long ahead = start - nowNanos;
    if (ahead > toleranceNanos) {
      return ahead - toleranceNanos;
    }
    fullAtNanos = start + intervalNanos;
    return 0;
  }

  /** Whether every token is back at {@code nowNanos}, so a new bucket would behave the same. */
  public boolean fullAt(long nowNanos) {
    return fullAtNanos <= nowNanos;
  }
}
