package dev.toolgate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IssuedKeyCacheTest {
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final String ID = "abcdefghij12";
  private static final String SECRET = "tg_" + ID + "_" + "S".repeat(43);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
  private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
  private final AtomicInteger reads = new AtomicInteger();
  private final ApiKeyStore counted = new CountingStore();

  IssuedKeyCacheTest() {
    keys.create(
        new ApiKey(ID, "bot", Json.sha256(SECRET), Set.of(Role.AGENT), null, Set.of(), Set.of(), null, clock.instant(), null));
  }

  private static byte[] hash(String presented) {
    return ApiKeyService.hashOf(presented);
  }

  @Test
  void aVerifiedKeyIsServedFromMemoryUntilItsEntryExpires() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, TTL, clock);

    assertThat(cache.authenticate(ID, hash(SECRET))).map(Principal::keyId).contains(ID);
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    clock.advance(TTL.minusMillis(1));
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aRevokeByAnotherProcessTakesEffectWhenTheEntryExpires() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, TTL, clock);
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();

    keys.revoke(ID, clock.instant());

    // Documented: within the TTL this process still trusts what it verified.
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    clock.advance(TTL);
    assertThat(cache.authenticate(ID, hash(SECRET))).isEmpty();
    assertThat(cache.entries()).isEmpty();
  }

  @Test
  void forgetMakesTheNextUseReadTheStore() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, TTL, clock);
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    keys.revoke(ID, clock.instant());

    cache.forget(ID);

    assertThat(cache.authenticate(ID, hash(SECRET))).isEmpty();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aWrongSecretIsRefusedWhetherOrNotItsIdIsCached() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, TTL, clock);
    String wrong = SECRET.substring(0, SECRET.length() - 1) + "T";

    assertThat(cache.authenticate(ID, hash(wrong))).isEmpty();
    assertThat(cache.entries()).as("only verified keys are kept").isEmpty();
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    assertThat(cache.authenticate(ID, hash(wrong))).isEmpty();
    assertThat(cache.authenticate("zzzzzzzzzzzz", hash(SECRET))).isEmpty();
  }

  @Test
  void theCacheHoldsTheStoredHashNeverTheSecret() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, TTL, clock);
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();

    List<IssuedKeyCache.Verified> entries = List.copyOf(cache.entries());

    assertThat(entries).singleElement().satisfies(entry -> {
      String secretPart = SECRET.substring(SECRET.lastIndexOf('_') + 1);
      String held = new String(entry.secretHash(), StandardCharsets.US_ASCII);
      assertThat(held).isEqualTo(Json.sha256(SECRET)).doesNotContain(secretPart);
      assertThat(entry.principal().toString()).doesNotContain(secretPart).doesNotContain(SECRET);
    });
  }

  @Test
  void aZeroTtlReadsTheStoreForEveryKey() {
    IssuedKeyCache cache = new IssuedKeyCache(counted, Duration.ZERO, clock);

    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();
    assertThat(cache.authenticate(ID, hash(SECRET))).isPresent();

    assertThat(reads).hasValue(2);
    assertThat(cache.entries()).isEmpty();
  }

  /** The in-memory store, counting reads by id. */
  private final class CountingStore implements ApiKeyStore {
    @Override
    public void create(ApiKey key) {
      keys.create(key);
    }

    @Override
    public Optional<ApiKey> find(String id) {
      reads.incrementAndGet();
      return keys.find(id);
    }

    @Override
    public List<ApiKey> list() {
      return keys.list();
    }

    @Override
    public boolean revoke(String id, Instant at) {
      return keys.revoke(id, at);
    }
  }
}
