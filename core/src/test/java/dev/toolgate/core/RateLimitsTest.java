package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.ratelimit.RateLimits;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RateLimits} on its own: scopes, retry-after, and eviction of idle buckets. */
class RateLimitsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final RateLimits limits =
      new RateLimits(GatewayConfig.custom().defaultRateLimit(RateLimitSpec.perMinute(2)).build(), clock);

  private static Principal key(String id, String clientKey, RateLimitSpec limit) {
    return new Principal(id, id, Set.of(Role.AGENT), clientKey, Set.of(), Set.of(), limit);
  }

  private static ClientProfile client(String clientKey, RateLimitSpec limit) {
    return new ClientProfile(clientKey, clientKey, ZoneId.of("UTC"), Set.of(), Set.of(), limit);
  }

  private Optional<ToolOutcome.RateLimited> call(Principal principal, ClientProfile client) {
    return limits.acquire("create_order", principal, client);
  }

  @Test
  void keyLimitIsPerKeyAndNamesTheKeyScope() {
    Principal a = key("a", null, null);
    assertThat(call(a, null)).isEmpty();
    assertThat(call(a, null)).isEmpty();

    assertThat(call(a, null)).hasValueSatisfying(refusal -> {
      assertThat(refusal.scope()).isEqualTo("key");
      assertThat(refusal.retryAfterMs()).isEqualTo(30_000);
    });
    assertThat(call(key("b", null, null), null)).as("another key has its own bucket").isEmpty();
  }

  @Test
  void clientLimitIsSharedByTheClientsKeysAndNamesTheClientScope() {
    ClientProfile acme = client("acme", RateLimitSpec.perMinute(3));
    assertThat(call(key("a", "acme", null), acme)).isEmpty();
    assertThat(call(key("b", "acme", null), acme)).isEmpty();
    assertThat(call(key("c", "acme", null), acme)).isEmpty();

    assertThat(call(key("d", "acme", null), acme)).hasValueSatisfying(refusal -> {
      assertThat(refusal.scope()).isEqualTo("client");
      assertThat(refusal.retryAfterMs()).isEqualTo(20_000);
    });
    assertThat(call(key("e", "other", null), client("other", RateLimitSpec.perMinute(3)))).isEmpty();
  }

  @Test
  void aKeyOverItsOwnLimitDoesNotSpendTheClientsPermits() {
    ClientProfile acme = client("acme", RateLimitSpec.perMinute(2));
    Principal tight = key("tight", "acme", RateLimitSpec.perMinute(1));
    assertThat(call(tight, acme)).isEmpty();
    assertThat(call(tight, acme)).hasValueSatisfying(r -> assertThat(r.scope()).isEqualTo("key"));

    assertThat(call(key("other", "acme", null), acme)).as("the client bucket still has one").isEmpty();
  }

  @Test
  void retryAfterIsRoundedUpToWholeMilliseconds() {
    Principal a = key("a", null, new RateLimitSpec(3, Duration.ofSeconds(1)));
    call(a, null);
    call(a, null);
    call(a, null);

    // One token every 333.333… ms: a caller told 333 ms would come back too early.
    assertThat(call(a, null)).hasValueSatisfying(r -> assertThat(r.retryAfterMs()).isEqualTo(334));
  }

  @Test
  void changingAKeysLimitStartsAFreshBucket() {
    assertThat(call(key("a", null, RateLimitSpec.perMinute(1)), null)).isEmpty();
    assertThat(call(key("a", null, RateLimitSpec.perMinute(1)), null)).isPresent();

    assertThat(call(key("a", null, RateLimitSpec.perMinute(5)), null)).isEmpty();
  }

  @Test
  void evictsBucketsThatRefilledCompletelyOnTheNextSweep() {
    call(key("idle", null, null), null); // 2/minute: full again 30 s later
    clock.advance(Duration.ofSeconds(30));
    call(key("busy", null, RateLimitSpec.perMinute(1)), null); // full again 60 s later
    assertThat(limits.size()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(30)); // a sweep is due; idle is full, busy is not
    call(key("caller", null, null), null);

    assertThat(limits.size()).as("idle evicted; busy and the caller kept").isEqualTo(2);
    assertThat(call(key("busy", null, RateLimitSpec.perMinute(1)), null)).as("busy kept its state").isPresent();
  }

  @Test
  void sweepsAtMostOncePerSweepInterval() {
    call(key("early", null, null), null); // first call sweeps (nothing) and schedules the next
    clock.advance(Duration.ofSeconds(45));
    call(key("other", null, null), null);

    assertThat(limits.size()).as("early's bucket is full, but no sweep is due yet").isEqualTo(2);

    clock.advance(Duration.ofSeconds(15));
    call(key("other", null, null), null);
    assertThat(limits.size()).isEqualTo(1);
  }

  @Test
  void evictionChangesNoDecision() {
    Principal a = key("a", null, RateLimitSpec.perMinute(2));
    call(a, null);
    call(a, null);
    clock.advance(Duration.ofMinutes(5));
    call(key("sweeper", null, null), null); // evicts a's full bucket

    assertThat(call(a, null)).isEmpty();
    assertThat(call(a, null)).isEmpty();
    assertThat(call(a, null)).as("a fresh bucket holds no more than the full one did").isPresent();
  }
}
