package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore}: every implementation's test extends this suite.
 * Instants are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractApiKeyStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private ApiKeyStore store;

  /**
   * A new, empty store. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract ApiKeyStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected ApiKeyStore reopen(ApiKeyStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private static ApiKey key(String id, Instant createdAt) {
    return new ApiKey(
        id, "key " + id, Json.sha256("secret-" + id), Set.of(Role.AGENT), null, Set.of(), Set.of(), null,
        createdAt, null);
  }

  private static ApiKey fullKey() {
    return new ApiKey(
        "tg_full",
        "Support bot (prod)",
        Json.sha256("full-secret"),
        Set.of(Role.AGENT, Role.APPROVER, Role.OPERATOR),
        "demo",
        Set.of("search_customer", "create_ticket"),
        Set.of("update_customer_status"),
        new RateLimitSpec(10, Duration.ofSeconds(1)),
        T0.plusMillis(250),
        null);
  }

  @Test
  void findsCreatedKeyWithEveryField() {
    ApiKey full = fullKey();
    ApiKey minimal = key("tg_min", T0);

    store.create(full);
    store.create(minimal);

    assertThat(store.find("tg_full")).contains(full);
    assertThat(store.find("tg_min")).contains(minimal);
  }

  @Test
  void findOfUnknownIdIsEmpty() {
    store.create(key("tg_a", T0));

    assertThat(store.find("tg_missing")).isEmpty();
  }

  @Test
  void refusesDuplicateIdAndKeepsTheOriginal() {
    ApiKey original = key("tg_a", T0);
    store.create(original);

    assertThatThrownBy(() -> store.create(fullKeyWithId("tg_a"))).isInstanceOf(ConflictException.class);
    assertThat(store.find("tg_a")).contains(original);
    assertThat(store.list()).containsExactly(original);
  }

  private static ApiKey fullKeyWithId(String id) {
    ApiKey f = fullKey();
    return new ApiKey(
        id, f.name(), f.secretHash(), f.roles(), f.clientKey(), f.allowTools(), f.denyTools(), f.rateLimit(),
        f.createdAt(), f.revokedAt());
  }

  @Test
  void listsActiveAndRevokedKeysByCreationTimeThenId() {
    store.create(key("tg_c", T0));
    store.create(key("tg_a", T0.plusSeconds(1)));
    store.create(key("tg_b", T0));
    store.create(key("tg_d", T0.minusSeconds(1)));
    store.revoke("tg_b", T0.plusSeconds(2));

    assertThat(store.list()).extracting(ApiKey::id).containsExactly("tg_d", "tg_b", "tg_c", "tg_a");
  }

  @Test
  void listOfEmptyStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void revokesActiveKeyOnce() {
    store.create(fullKey());
    Instant at = T0.plusSeconds(60);

    assertThat(store.revoke("tg_full", at)).isTrue();
    assertThat(store.find("tg_full")).contains(fullKey().revoked(at));
    assertThat(store.find("tg_full").orElseThrow().active()).isFalse();

    assertThat(store.revoke("tg_full", at.plusSeconds(60))).isFalse();
    assertThat(store.find("tg_full").orElseThrow().revokedAt()).isEqualTo(at);
  }

  @Test
  void revokingUnknownKeyThrowsNotFound() {
    assertThatThrownBy(() -> store.revoke("tg_missing", T0)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void keysSurviveRestart() {
    store.create(fullKey());
    store.create(key("tg_revoked", T0));
    store.revoke("tg_revoked", T0.plusSeconds(5));

    store = reopen(store);

    assertThat(store.find("tg_full")).contains(fullKey());
    assertThat(store.find("tg_revoked")).contains(key("tg_revoked", T0).revoked(T0.plusSeconds(5)));
    assertThat(store.list()).extracting(ApiKey::id).containsExactly("tg_revoked", "tg_full");
    assertThat(store.revoke("tg_revoked", T0.plusSeconds(10))).isFalse();
  }
}
