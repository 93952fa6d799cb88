package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final String REQUEST = "req-admin-1";

  private final Fixture fixture = new Fixture();
  private final Principal admin = principal("root", Role.ADMIN);

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void issuedKeyAuthenticatesAsItsPrincipal() {
    Toolgate gateway = fixture.gateway();
    fixture.clients.upsert(acme());
    NewKey spec = new NewKey("ci bot", Set.of(Role.AGENT, Role.OPERATOR), "acme", Set.of("lookup"),
        Set.of("delete"), RateLimitSpec.perMinute(10));

    IssuedKey issued = gateway.keys().create(admin, spec, REQUEST);

    assertThat(issued.secret()).matches("tg_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
    assertThat(issued.secret()).startsWith("tg_" + issued.key().id() + "_");
    assertThat(issued.toString()).doesNotContain(issued.secret());
    ApiKey stored = fixture.keys.find(issued.key().id()).orElseThrow();
    assertThat(stored.secretHash()).isEqualTo(Json.sha256(issued.secret())).doesNotContain(issued.secret());
    Principal principal = gateway.keys().authenticate(issued.secret()).orElseThrow();
    assertThat(principal)
        .isEqualTo(new Principal(issued.key().id(), "ci bot", Set.of(Role.AGENT, Role.OPERATOR), "acme",
            Set.of("lookup"), Set.of("delete"), RateLimitSpec.perMinute(10)));
  }

  @Test
  void aKeyForAMalformedOrUnknownClientIsRefusedAtItsFieldAndNotIssued() {
    Toolgate gateway = fixture.gateway();
    for (String client : new String[] {"BAD KEY", "nobody"}) {
      NewKey spec = new NewKey("bot", Set.of(Role.AGENT), client, Set.of(), Set.of(), null);

      assertThatThrownBy(() -> gateway.keys().create(admin, spec, REQUEST))
          .isInstanceOfSatisfying(
              InvalidCommandException.class,
              e -> {
                assertThat(e.getMessage()).contains("must name an existing client").contains("'" + client + "'");
                assertThat(e.errors()).extracting(FieldError::field).containsExactly("/client_key");
              });
    }
    assertThat(fixture.keys.list()).isEmpty();
  }

  private static ClientProfile acme() {
    return new ClientProfile("acme", "Acme", ZoneId.of("UTC"), Set.of(), Set.of(), null, MarketingBackend.NONE);
  }

  @Test
  void wrongOrMalformedKeysDoNotAuthenticate() {
    Toolgate gateway = fixture.gateway();
    String secret = gateway.keys().create(admin, NewKey.of("bot", Set.of(Role.AGENT)), REQUEST).secret();
    char last = secret.charAt(secret.length() - 1);
    String wrongSecret = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
    String unknownId = "tg_zzzzzzzzzzzz" + secret.substring(15);

    assertThat(gateway.keys().authenticate(wrongSecret)).isEmpty();
    assertThat(gateway.keys().authenticate(unknownId)).isEmpty();
    assertThat(gateway.keys().authenticate("tg_short")).isEmpty();
    assertThat(gateway.keys().authenticate("")).isEmpty();
    assertThat(gateway.keys().authenticate(null)).isEmpty();
    assertThat(gateway.keys().authenticate(secret)).isPresent();
  }

  @Test
  void revokedKeyNoLongerAuthenticates() {
    Toolgate gateway = fixture.gateway();
    IssuedKey issued = gateway.keys().create(admin, NewKey.of("bot", Set.of(Role.AGENT)), REQUEST);
    assertThat(gateway.keys().authenticate(issued.secret())).as("verified, so now held in memory").isPresent();

    assertThat(gateway.keys().revoke(admin, issued.key().id(), REQUEST)).isTrue();

    assertThat(gateway.keys().authenticate(issued.secret())).isEmpty();
    assertThat(gateway.keys().revoke(admin, issued.key().id(), REQUEST)).isFalse();
    assertThat(gateway.keys().list(admin)).singleElement().satisfies(k -> assertThat(k.active()).isFalse());
    assertThatThrownBy(() -> gateway.keys().revoke(admin, "nope", REQUEST)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aGatewaySharingTheStoreSeesARevokeWithinTheKeyCacheTtl() {
    GatewayConfig config = GatewayConfig.custom().keyCacheTtl(Duration.ofSeconds(2)).build();
    Toolgate first = fixture.gateway(config);
    Toolgate second = fixture.gateway(config);
    IssuedKey issued = first.keys().create(admin, NewKey.of("bot", Set.of(Role.AGENT)), REQUEST);
    assertThat(second.keys().authenticate(issued.secret())).isPresent();

    first.keys().revoke(admin, issued.key().id(), REQUEST);

    assertThat(first.keys().authenticate(issued.secret())).isEmpty();
    assertThat(second.keys().authenticate(issued.secret())).as("still trusted within the TTL").isPresent();
    fixture.clock.advance(Duration.ofSeconds(2));
    assertThat(second.keys().authenticate(issued.secret())).isEmpty();
  }

  @Test
  void keyManagementNeedsTheAdminRole() {
    Toolgate gateway = fixture.gateway();
    Principal operator = principal("op", Role.OPERATOR, Role.APPROVER);

    assertThatThrownBy(() -> gateway.keys().create(operator, NewKey.of("x", Set.of(Role.AGENT)), REQUEST))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.keys().list(agent("a"))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.keys().revoke(operator, "x", REQUEST)).isInstanceOf(ForbiddenException.class);
    assertThat(fixture.keys.list()).isEmpty();
  }

  @Test
  void fixedKeyAuthenticatesWithItsRoles() {
    Toolgate gateway =
        fixture.builder(GatewayConfig.defaults()).fixedKey("proxy", "s3cret-proxy-value", Set.of(Role.ADMIN)).build();

    try (gateway) {
      assertThat(gateway.keys().authenticate("s3cret-proxy-value"))
          .contains(new Principal("proxy", "proxy", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null));
      assertThat(gateway.keys().authenticate("s3cret-proxy-valuE")).isEmpty();
      assertThat(gateway.keys().bootstrapAdmin()).isEmpty();
    }
  }

  @Test
  void fixedKeysAreValidated() {
    assertThatThrownBy(() -> fixture.builder(GatewayConfig.defaults()).fixedKey("proxy", " ", Set.of(Role.ADMIN)))
        .hasMessageContaining("proxy");
    assertThatThrownBy(() -> fixture.builder(GatewayConfig.defaults())
            .fixedKey("a", "one", Set.of(Role.ADMIN)).fixedKey("a", "two", Set.of(Role.AGENT)))
        .hasMessageContaining("'a'");
  }

  @Test
  void bootstrapIssuesOneAdminKeyOnlyWhileNoneIsActive() {
    Toolgate gateway = fixture.gateway();

    IssuedKey first = gateway.keys().bootstrapAdmin().orElseThrow();

    assertThat(first.key().name()).isEqualTo("bootstrap-admin");
    assertThat(first.key().roles()).containsExactly(Role.ADMIN);
    assertThat(gateway.keys().authenticate(first.secret()).orElseThrow().hasRole(Role.ADMIN)).isTrue();
    assertThat(gateway.keys().bootstrapAdmin()).isEmpty();
    assertThat(fixture.gateway().keys().bootstrapAdmin()).isEmpty();

    gateway.keys().revoke(admin, first.key().id(), REQUEST);
    assertThat(gateway.keys().bootstrapAdmin()).isPresent();
  }
}
