package dev.toolgate.core.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.InvalidCommandException;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.core.secret.MasterKey;
import dev.toolgate.core.secret.SecretBox;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemorySecretStore;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientsTest {
  private static final String KEY = "pk_live_secretValue42";
  private static final String REQUEST = "req-clients-1";
  private static final Principal ADMIN = principal(null, Role.ADMIN);
  private static final Principal OPERATOR = principal(null, Role.OPERATOR);

  private final InMemorySecretStore secrets = new InMemorySecretStore();
  private final MasterKey masterKey = MasterKey.generate();
  private Toolgate gateway;

  private static Principal principal(String client, Role role) {
    return new Principal("k-" + role.wireName(), "k", Set.of(role), client, Set.of(), Set.of(), null);
  }

  private static ClientProfile profile(String key, MarketingBackend backend) {
    return new ClientProfile(key, "Client " + key, ZoneId.of("Europe/Paris"), Set.of(), Set.of(), null, backend);
  }

  @BeforeEach
  void build() {
    gateway =
        Toolgate.builder()
            .apiKeys(new InMemoryApiKeyStore()).clientProfiles(new InMemoryClientProfileStore())
            .idempotency(new InMemoryIdempotencyStore()).approvals(new InMemoryApprovalStore())
            .audit(new InMemoryAuditLog()).cache(new InMemoryResponseCache()).usage(new InMemoryUsageLedger())
            .secrets(secrets, masterKey)
            .build();
  }

  @AfterEach
  void close() {
    gateway.close();
  }

  @Test
  void storesOnlyCiphertextAndListsSecretNamesNeverValues() {
    gateway.clients().save(SaveClientCommand.of(ADMIN, profile("acme", MarketingBackend.KLAVIYO), REQUEST));

    gateway.clients().putSecret(ADMIN, "acme", "klaviyo_api_key", KEY, REQUEST);

    EncryptedSecret stored = secrets.find("acme", "klaviyo_api_key").orElseThrow();
    assertThat(stored.ciphertext()).doesNotContain(KEY).doesNotContain("secretValue");
    assertThat(new SecretBox(masterKey).open(stored)).isEqualTo(KEY);
    ClientView view = gateway.clients().list(OPERATOR).get(0);
    assertThat(view.secretNames()).containsExactly("klaviyo_api_key");
    assertThat(view.toString()).doesNotContain(KEY).doesNotContain(stored.ciphertext());
  }

  @Test
  void onlyAdminsChangeClientsOrSecrets() {
    gateway.clients().save(SaveClientCommand.of(ADMIN, profile("acme", MarketingBackend.KLAVIYO), REQUEST));

    assertThatThrownBy(() -> gateway.clients().save(SaveClientCommand.of(OPERATOR, profile("acme", MarketingBackend.NONE), REQUEST)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.clients().putSecret(OPERATOR, "acme", "klaviyo_api_key", KEY, REQUEST))
        .isInstanceOf(ForbiddenException.class);
    assertThat(gateway.clients().list(ADMIN).get(0).profile().marketingBackend()).isEqualTo(MarketingBackend.KLAVIYO);
    assertThat(secrets.names("acme")).isEmpty();
  }

  @Test
  void refusesSecretsOfUnknownClientsAndMalformedValuesWithoutQuotingThem() {
    gateway.clients().save(SaveClientCommand.of(ADMIN, profile("acme", MarketingBackend.KLAVIYO), REQUEST));

    assertThatThrownBy(() -> gateway.clients().putSecret(ADMIN, "nobody", "klaviyo_api_key", KEY, REQUEST))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gateway.clients().putSecret(ADMIN, "acme", "klaviyo_api_key", "pk live with spaces", REQUEST))
        .isInstanceOf(InvalidCommandException.class).hasMessageNotContaining("pk live");
    assertThatThrownBy(() -> gateway.clients().putSecret(ADMIN, "acme", "klaviyo_api_key", " ", REQUEST))
        .isInstanceOf(InvalidCommandException.class);
    assertThat(secrets.names("acme")).isEmpty();
  }

  @Test
  void aClientScopedKeySeesOnlyItsClient() {
    gateway.clients().save(SaveClientCommand.of(ADMIN, profile("acme", MarketingBackend.KLAVIYO), REQUEST));
    gateway.clients().save(SaveClientCommand.of(ADMIN, profile("globex", MarketingBackend.SAMPLE), REQUEST));

    assertThat(gateway.clients().list(principal("globex", Role.AGENT)))
        .extracting(view -> view.profile().clientKey()).containsExactly("globex");
    assertThat(gateway.clients().list(OPERATOR)).hasSize(2);
  }

  @Test
  void anOverlongKlaviyoKeyIsRefusedAtItsFieldAndNothingIsWritten() {
    SaveClientCommand command =
        new SaveClientCommand(
            ADMIN, "acme", "Acme", null, null, null, null, null, null, Map.of("klaviyo_api_key", "k".repeat(5_000)), REQUEST);

    assertThatThrownBy(() -> gateway.clients().save(command))
        .isInstanceOfSatisfying(
            InvalidCommandException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("/klaviyo_api_key"));
    assertThat(gateway.clients().list(ADMIN)).isEmpty();
    assertThat(secrets.names("acme")).isEmpty();
  }

  @Test
  void aSecretThatCannotBeStoredLeavesNoClientThatNeedsIt() {
    SecretStore failing =
        new SecretStore() {
          @Override
          public void put(EncryptedSecret secret) {
            throw new UnavailableException("the secret store is down");
          }

          @Override
          public Optional<EncryptedSecret> find(String clientKey, String name) {
            return secrets.find(clientKey, name);
          }

          @Override
          public List<String> names(String clientKey) {
            return secrets.names(clientKey);
          }

          @Override
          public boolean delete(String clientKey, String name) {
            return secrets.delete(clientKey, name);
          }
        };
    InMemoryClientProfileStore profiles = new InMemoryClientProfileStore();
    try (Toolgate crashing =
        Toolgate.builder()
            .apiKeys(new InMemoryApiKeyStore()).clientProfiles(profiles)
            .idempotency(new InMemoryIdempotencyStore()).approvals(new InMemoryApprovalStore())
            .audit(new InMemoryAuditLog()).cache(new InMemoryResponseCache()).usage(new InMemoryUsageLedger())
            .secrets(failing, masterKey)
            .build()) {
      SaveClientCommand command =
          new SaveClientCommand(ADMIN, "acme", "Acme", null, null, null, null, null, null, Map.of("klaviyo_api_key", KEY), REQUEST);

      assertThatThrownBy(() -> crashing.clients().save(command)).isInstanceOf(UnavailableException.class);
      assertThat(profiles.find("acme")).as("no Klaviyo-backed profile without its key").isEmpty();
    }
  }
}
