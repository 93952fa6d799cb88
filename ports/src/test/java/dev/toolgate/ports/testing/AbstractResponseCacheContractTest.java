package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ResponseCache}: every implementation's test extends this suite.
 * Instants are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractResponseCacheContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(15);

  private ResponseCache cache;

  /**
   * A new, empty cache. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract ResponseCache newStore(Clock clock);

  /**
   * The same cache after a restart. Persistent caches override this to close {@code cache} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected ResponseCache reopen(ResponseCache cache) {
    return cache;
  }

  @BeforeEach
  void createCache() {
    cache = newStore(new MutableClock(T0));
  }

  private static JsonNode value(String customerId) {
    return Json.parse(
        "{\"customers\":[{\"id\":\"" + customerId + "\",\"name\":\"Léa\",\"score\":0.5}],\"count\":1,\"more\":false}");
  }

  private static CachedResponse entry(String key, String customerId, Instant storedAt, Duration ttl) {
    return new CachedResponse(key, value(customerId), storedAt, storedAt.plus(ttl));
  }

  @Test
  void servesEntryUntilJustBeforeExpiry() {
    CachedResponse entry = entry("demo|search_customer|a", "cus_001", T0, TTL);

    cache.put(entry);

    assertThat(cache.get(entry.key(), T0)).contains(entry);
    assertThat(cache.get(entry.key(), entry.expiresAt().minusMillis(1))).contains(entry);
  }

  @Test
  void stopsServingEntryAtExpiry() {
    CachedResponse entry = entry("demo|search_customer|a", "cus_001", T0, TTL);
    cache.put(entry);

    assertThat(cache.get(entry.key(), entry.expiresAt())).isEmpty();
    assertThat(cache.get(entry.key(), entry.expiresAt().plusSeconds(1))).isEmpty();
  }

  @Test
  void getOfUnknownKeyIsEmpty() {
    cache.put(entry("demo|search_customer|a", "cus_001", T0, TTL));

    assertThat(cache.get("demo|search_customer|b", T0)).isEmpty();
  }

  @Test
  void putReplacesEntryWithSameKey() {
    String key = "demo|search_customer|a";
    cache.put(entry(key, "cus_001", T0, Duration.ofSeconds(10)));
    CachedResponse fresh = entry(key, "cus_002", T0.plusSeconds(20), TTL);

    cache.put(fresh);

    assertThat(cache.get(key, T0.plusSeconds(20))).contains(fresh);
  }

  @Test
  void replacingWithShorterExpiryShortensIt() {
    String key = "demo|search_customer|a";
    cache.put(entry(key, "cus_001", T0, TTL));
    cache.put(entry(key, "cus_001", T0, Duration.ofSeconds(5)));

    assertThat(cache.get(key, T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void purgesOnlyExpiredEntriesAndCountsThem() {
    cache.put(entry("k1", "cus_001", T0, Duration.ofMinutes(1)));
    cache.put(entry("k2", "cus_002", T0, Duration.ofMinutes(2)));
    cache.put(entry("k3", "cus_003", T0, Duration.ofMinutes(3)));

    assertThat(cache.purgeExpired(T0.plus(Duration.ofMinutes(2)))).isEqualTo(2);
    assertThat(cache.purgeExpired(T0.plus(Duration.ofMinutes(2)))).isZero();
    // Looking before the expiry shows deletion rather than entries merely not served.
    assertThat(cache.get("k1", T0)).isEmpty();
    assertThat(cache.get("k2", T0)).isEmpty();
    assertThat(cache.get("k3", T0)).contains(entry("k3", "cus_003", T0, Duration.ofMinutes(3)));
  }

  @Test
  void purgeOfEmptyCacheCountsZero() {
    assertThat(cache.purgeExpired(T0)).isZero();
  }

  @Test
  void entriesSurviveRestartWithTheirTimes() {
    CachedResponse live = entry("k1", "cus_001", T0, TTL);
    cache.put(live);
    cache.put(entry("k2", "cus_002", T0, Duration.ofSeconds(1)));

    cache = reopen(cache);

    assertThat(cache.get("k1", T0.plusSeconds(1))).contains(live);
    assertThat(cache.get("k2", T0.plusSeconds(1))).isEmpty();
  }
}
