package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.ratelimit.TokenBucket;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long T0 = 1_000 * SECOND;

  @Test
  void startsFullAndGivesItsWholeBurstAtOnce() {
    TokenBucket bucket = new TokenBucket(RateLimitSpec.perMinute(3));

    assertThat(bucket.tryTake(T0)).isZero();
    assertThat(bucket.tryTake(T0)).isZero();
    assertThat(bucket.tryTake(T0)).isZero();
    assertThat(bucket.tryTake(T0)).as("empty: one token returns every 20 s").isEqualTo(20 * SECOND);
  }

  @Test
  void retryAfterShrinksAsTimePassesAndIsExact() {
    TokenBucket bucket = new TokenBucket(RateLimitSpec.perMinute(1));
    assertThat(bucket.tryTake(T0)).isZero();

    assertThat(bucket.tryTake(T0 + 15 * SECOND)).isEqualTo(45 * SECOND);
    assertThat(bucket.tryTake(T0 + 60 * SECOND - 1)).isEqualTo(1);
    assertThat(bucket.tryTake(T0 + 60 * SECOND)).as("a caller who waited exactly that long").isZero();
  }

  @Test
  void refillsContinuouslyOneTokenPerInterval() {
    TokenBucket bucket = new TokenBucket(new RateLimitSpec(10, Duration.ofSeconds(10)));
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.tryTake(T0)).isZero();
    }
    assertThat(bucket.tryTake(T0)).isEqualTo(SECOND);

    // After 3.5 s, three tokens are back and half of the fourth.
    long later = T0 + 3_500_000_000L;
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isEqualTo(SECOND / 2);
  }

  @Test
  void neverHoldsMoreThanItsCapacityAfterALongIdle() {
    TokenBucket bucket = new TokenBucket(RateLimitSpec.perMinute(2));
    long muchLater = T0 + TimeUnit.DAYS.toNanos(3);

    assertThat(bucket.tryTake(muchLater)).isZero();
    assertThat(bucket.tryTake(muchLater)).isZero();
    assertThat(bucket.tryTake(muchLater)).isEqualTo(30 * SECOND);
  }

  @Test
  void refusalTakesNothing() {
    TokenBucket bucket = new TokenBucket(RateLimitSpec.perMinute(1));
    bucket.tryTake(T0);
    for (int i = 0; i < 100; i++) {
      bucket.tryTake(T0 + SECOND);
    }

    assertThat(bucket.tryTake(T0 + 60 * SECOND)).as("refused calls did not push the refill back").isZero();
  }

  @Test
  void isFullOnceEveryTokenIsBack() {
    TokenBucket bucket = new TokenBucket(RateLimitSpec.perMinute(2));
    assertThat(bucket.fullAt(T0)).as("a new bucket").isTrue();

    bucket.tryTake(T0);
    bucket.tryTake(T0);

    assertThat(bucket.fullAt(T0 + 30 * SECOND)).as("one of two back").isFalse();
    assertThat(bucket.fullAt(T0 + 60 * SECOND - 1)).isFalse();
    assertThat(bucket.fullAt(T0 + 60 * SECOND)).isTrue();
  }
}
