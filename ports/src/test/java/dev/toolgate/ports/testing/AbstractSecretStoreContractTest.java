package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SecretStore}: every implementation's test extends this suite. Instants are
 * whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractSecretStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private SecretStore store;

  /** A new, empty store. {@code clock} is the suite's time source, for implementations that read the time themselves. */
  protected abstract SecretStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again; the default keeps the instance.
   */
  protected SecretStore reopen(SecretStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private static EncryptedSecret secret(String client, String name, String ciphertext) {
    return new EncryptedSecret(client, name, ciphertext, T0);
  }

  @Test
  void findsPutSecretExactlyAsGiven() {
    // Envelopes are opaque text; punctuation and case must come back byte for byte.
    EncryptedSecret stored = secret("acme", "klaviyo_api_key", "tgs1.k7f3.AbC+/d=_-Zz09");

    store.put(stored);

    assertThat(store.find("acme", "klaviyo_api_key")).contains(stored);
  }

  @Test
  void findOfUnknownSecretIsEmpty() {
    store.put(secret("acme", "klaviyo_api_key", "tgs1.a"));

    assertThat(store.find("acme", "other")).isEmpty();
    assertThat(store.find("globex", "klaviyo_api_key")).isEmpty();
  }

  @Test
  void putReplacesSecretWithSameClientAndName() {
    store.put(secret("acme", "klaviyo_api_key", "tgs1.old"));
    EncryptedSecret rotated = new EncryptedSecret("acme", "klaviyo_api_key", "tgs1.new", T0.plusSeconds(60));

    store.put(rotated);

    assertThat(store.find("acme", "klaviyo_api_key")).contains(rotated);
    assertThat(store.names("acme")).containsExactly("klaviyo_api_key");
  }

  @Test
  void keepsClientsApart() {
    store.put(secret("acme", "klaviyo_api_key", "tgs1.acme"));
    store.put(secret("globex", "klaviyo_api_key", "tgs1.globex"));

    assertThat(store.find("acme", "klaviyo_api_key")).map(EncryptedSecret::ciphertext).contains("tgs1.acme");
    assertThat(store.find("globex", "klaviyo_api_key")).map(EncryptedSecret::ciphertext).contains("tgs1.globex");
  }

  @Test
  void listsNamesOfOneClientSorted() {
    store.put(secret("acme", "zeta.key", "tgs1.z"));
    store.put(secret("acme", "klaviyo_api_key", "tgs1.k"));
    store.put(secret("acme", "a-token", "tgs1.a"));
    store.put(secret("acme-eu", "klaviyo_api_key", "tgs1.e"));

    assertThat(store.names("acme")).containsExactly("a-token", "klaviyo_api_key", "zeta.key");
    assertThat(store.names("nobody")).isEmpty();
  }

  @Test
  void deleteRemovesOnlyThatSecretAndSaysWhetherItExisted() {
    store.put(secret("acme", "klaviyo_api_key", "tgs1.k"));
    store.put(secret("acme", "other", "tgs1.o"));

    assertThat(store.delete("acme", "klaviyo_api_key")).isTrue();
    assertThat(store.delete("acme", "klaviyo_api_key")).isFalse();
    assertThat(store.find("acme", "klaviyo_api_key")).isEmpty();
    assertThat(store.names("acme")).containsExactly("other");
  }

  @Test
  void secretsSurviveRestart() {
    EncryptedSecret stored = secret("acme", "klaviyo_api_key", "tgs1.k");
    store.put(stored);

    store = reopen(store);

    assertThat(store.find("acme", "klaviyo_api_key")).contains(stored);
  }
}
