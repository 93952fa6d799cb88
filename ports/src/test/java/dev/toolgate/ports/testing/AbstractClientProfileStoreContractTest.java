package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ClientProfileStore}: every implementation's test extends this suite. */
public abstract class AbstractClientProfileStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private ClientProfileStore store;

  /**
   * A new, empty store. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract ClientProfileStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected ClientProfileStore reopen(ClientProfileStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private static ClientProfile full() {
    return new ClientProfile(
        "acme",
        "Acme Corp (EU)",
        ZoneId.of("Europe/Berlin"),
        Set.of("search_customer", "create_ticket"),
        Set.of("update_customer_status"),
        new RateLimitSpec(500, Duration.ofHours(1)),
        MarketingBackend.KLAVIYO,
        "anthropic/claude-sonnet-4");
  }

  private static ClientProfile plain(String key) {
    return new ClientProfile(key, "Client " + key, ZoneId.of("UTC"), Set.of(), Set.of(), null);
  }

  @Test
  void findsUpsertedProfileWithEveryField() {
    ClientProfile sparse =
        new ClientProfile("globex", "Globex", ZoneId.of("America/New_York"), Set.of(), Set.of(), null);

    store.upsert(full());
    store.upsert(sparse);

    assertThat(store.find("acme")).contains(full());
    assertThat(store.find("globex")).contains(sparse);
  }

  @Test
  void keepsEachMarketingBackend() {
    for (MarketingBackend backend : MarketingBackend.values()) {
      store.upsert(plain("c-" + backend.wireName()).withMarketingBackend(backend));
    }

    for (MarketingBackend backend : MarketingBackend.values()) {
      assertThat(store.find("c-" + backend.wireName())).map(ClientProfile::marketingBackend).contains(backend);
    }
  }

  @Test
  void findOfUnknownClientIsEmpty() {
    store.upsert(full());

    assertThat(store.find("nobody")).isEmpty();
  }

  @Test
  void upsertReplacesTheWholeProfile() {
    store.upsert(full());
    ClientProfile replacement =
        new ClientProfile("acme", "Acme Corporation", ZoneId.of("Asia/Tokyo"), Set.of(), Set.of("send_message"), null);

    store.upsert(replacement);

    assertThat(store.find("acme")).contains(replacement);
    assertThat(store.list()).containsExactly(replacement);
  }

  @Test
  void listsProfilesOrderedByClientKey() {
    store.upsert(plain("zeta"));
    store.upsert(full());
    store.upsert(plain("mid-1"));
    store.upsert(plain("b_2"));

    assertThat(store.list()).extracting(ClientProfile::clientKey).containsExactly("acme", "b_2", "mid-1", "zeta");
  }

  @Test
  void listOfEmptyStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void profilesSurviveRestart() {
    store.upsert(full());
    store.upsert(plain("zeta"));

    store = reopen(store);

    assertThat(store.list()).containsExactly(full(), plain("zeta"));
  }
}
