package dev.toolgate.core;

import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.clients.SaveClientCommand;
import dev.toolgate.core.secret.MasterKey;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.InMemorySecretStore;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminAuditTest {
  private static final String CLIENT_SECRET = "pk_live_adminAudit42";

  private final Fixture fixture = new Fixture();
  private final InMemorySecretStore secrets = new InMemorySecretStore();
  private final Toolgate gateway =
      fixture.builder(GatewayConfig.defaults()).secrets(secrets, MasterKey.generate()).build();
  private final Principal admin = principal("root", Role.ADMIN);
  private final Principal operator = principal("op", Role.OPERATOR);

  @AfterEach
  void close() {
    gateway.close();
    fixture.close();
  }

  private static ClientProfile acme() {
    return new ClientProfile("acme", "Acme", ZoneId.of("UTC"), Set.of(), Set.of(), null, MarketingBackend.KLAVIYO);
  }

  private AuditEntry onlyNewEntry(int before) {
    List<AuditRecord> records = fixture.auditRecords();
    assertThat(records).hasSize(before + 1);
    return records.get(before).entry();
  }

  @Test
  void issuingAKeyAppendsOneRecordNamingTheKeyAndItsRoles() {
    fixture.clients.upsert(acme());
    IssuedKey issued =
        gateway.keys().create(
            admin, new NewKey("ci bot", Set.of(Role.OPERATOR, Role.AGENT), "acme", Set.of(), Set.of(), null), "req-1");

    AuditEntry entry = onlyNewEntry(0);
    assertThat(entry.requestId()).isEqualTo("req-1");
    assertThat(entry.keyId()).isEqualTo("root");
    assertThat(entry.clientKey()).isEqualTo("acme");
    assertThat(entry.tool()).isNull();
    assertThat(entry.arguments().isNull()).isTrue();
    assertThat(entry.outcome()).isEqualTo("key_issued");
    assertThat(entry.code()).isNull();
    assertThat(entry.details().get("key_id").asText()).isEqualTo(issued.key().id());
    assertThat(entry.details().get("roles")).extracting(JsonNode::asText).containsExactly("agent", "operator");
  }

  @Test
  void revokingAKeyAppendsOneRecordNamingTheKey() {
    IssuedKey issued = gateway.keys().create(admin, NewKey.of("bot", Set.of(Role.AGENT)), "req-1");

    gateway.keys().revoke(admin, issued.key().id(), "req-2");

    AuditEntry entry = onlyNewEntry(1);
    assertThat(entry.requestId()).isEqualTo("req-2");
    assertThat(entry.keyId()).isEqualTo("root");
    assertThat(entry.tool()).isNull();
    assertThat(entry.outcome()).isEqualTo("key_revoked");
    assertThat(entry.code()).isNull();
    assertThat(entry.details().get("key_id").asText()).isEqualTo(issued.key().id());
    assertThat(entry.details().get("was_active").asBoolean()).isTrue();
  }

  @Test
  void savingAClientAndStoringASecretEachAppendOneRecord() {
    gateway.clients().save(SaveClientCommand.of(admin, acme(), "req-1"));

    AuditEntry saved = onlyNewEntry(0);
    assertThat(saved.requestId()).isEqualTo("req-1");
    assertThat(saved.keyId()).isEqualTo("root");
    assertThat(saved.clientKey()).isEqualTo("acme");
    assertThat(saved.tool()).isNull();
    assertThat(saved.arguments().isNull()).isTrue();
    assertThat(saved.outcome()).isEqualTo("client_saved");
    assertThat(saved.details().get("client_key").asText()).isEqualTo("acme");

    gateway.clients().putSecret(admin, "acme", "klaviyo_api_key", CLIENT_SECRET, "req-2");

    AuditEntry stored = onlyNewEntry(1);
    assertThat(stored.requestId()).isEqualTo("req-2");
    assertThat(stored.keyId()).isEqualTo("root");
    assertThat(stored.clientKey()).isEqualTo("acme");
    assertThat(stored.outcome()).isEqualTo("secret_stored");
    assertThat(stored.code()).isNull();
    assertThat(stored.details().get("secret_name").asText()).isEqualTo("klaviyo_api_key");
  }

  @Test
  void bootstrapIsAuditedUnderTheBootstrapRequestId() {
    IssuedKey first = gateway.keys().bootstrapAdmin().orElseThrow();

    AuditEntry entry = onlyNewEntry(0);
    assertThat(entry.requestId()).isEqualTo("bootstrap");
    assertThat(entry.keyId()).isNull();
    assertThat(entry.outcome()).isEqualTo("key_issued");
    assertThat(entry.details().get("key_id").asText()).isEqualTo(first.key().id());
  }

  @Test
  void refusedActionsAreAuditedAsForbidden() {
    gateway.clients().save(SaveClientCommand.of(admin, acme(), "req-setup"));

    assertThatThrownBy(() -> gateway.keys().create(operator, NewKey.of("x", Set.of(Role.ADMIN)), "req-1"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.keys().revoke(operator, "somekey", "req-2"))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.clients().save(SaveClientCommand.of(operator, acme(), "req-3")))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.clients().putSecret(operator, "acme", "klaviyo_api_key", CLIENT_SECRET, "req-4"))
        .isInstanceOf(ForbiddenException.class);

    List<AuditEntry> refusals = fixture.auditRecords().stream().skip(1).map(AuditRecord::entry).toList();
    assertThat(refusals).extracting(AuditEntry::requestId).containsExactly("req-1", "req-2", "req-3", "req-4");
    assertThat(refusals).allSatisfy(entry -> {
      assertThat(entry.keyId()).isEqualTo("op");
      assertThat(entry.outcome()).isEqualTo("forbidden");
      assertThat(entry.code()).isEqualTo("forbidden");
      assertThat(entry.tool()).isNull();
    });
    assertThat(refusals).extracting(entry -> entry.details().get("attempted").asText())
        .containsExactly("key_issued", "key_revoked", "client_saved", "secret_stored");
    assertThat(fixture.keys.list()).isEmpty();
    assertThat(secrets.names("acme")).isEmpty();
  }

  @Test
  void actionsThatFailAppendNothing() {
    assertThatThrownBy(() -> gateway.keys().revoke(admin, "nope", "req-1")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gateway.clients().putSecret(admin, "nobody", "klaviyo_api_key", CLIENT_SECRET, "req-2"))
        .isInstanceOf(NotFoundException.class);

    assertThat(fixture.auditRecords()).isEmpty();
  }

  @Test
  void recordsNeverHoldASecretOrItsHashAndTheChainStillVerifies() {
    IssuedKey bootstrap = gateway.keys().bootstrapAdmin().orElseThrow();
    IssuedKey issued = gateway.keys().create(admin, NewKey.of("bot", Set.of(Role.AGENT)), "req-1");
    gateway.clients().save(SaveClientCommand.of(admin, acme(), "req-2"));
    gateway.clients().putSecret(admin, "acme", "klaviyo_api_key", CLIENT_SECRET, "req-3");
    gateway.keys().revoke(admin, issued.key().id(), "req-4");
    assertThatThrownBy(() -> gateway.clients().putSecret(operator, "acme", "klaviyo_api_key", CLIENT_SECRET, "req-5"))
        .isInstanceOf(ForbiddenException.class);

    List<AuditRecord> records = fixture.auditRecords();
    assertThat(records).hasSize(6);
    String exported = String.join("\n", records.stream().map(r -> Json.write(r.toJson())).toList());
    String ciphertext = secrets.find("acme", "klaviyo_api_key").orElseThrow().ciphertext();
    assertThat(exported)
        .contains(issued.key().id(), "klaviyo_api_key")
        .doesNotContain(issued.secret(), Json.sha256(issued.secret()))
        .doesNotContain(bootstrap.secret(), Json.sha256(bootstrap.secret()))
        .doesNotContain(CLIENT_SECRET, ciphertext);
    assertThat(gateway.audit().verify(admin).valid()).isTrue();
  }
}
