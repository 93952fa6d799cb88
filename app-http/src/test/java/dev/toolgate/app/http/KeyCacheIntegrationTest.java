package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory cache of verified keys with two gateways over one SQLite file, as two processes
 * sharing a data directory: a revoke is immediate where it is made and reaches the other gateway
 * when its entry expires (TOOLGATE_KEY_CACHE_SECONDS).
 */
class KeyCacheIntegrationTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Principal ADMIN =
      new Principal("root", "root", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));

  private Toolgate gateway(SqliteStores stores) {
    GatewayConfig config = GatewayConfig.custom().keyCacheTtl(TTL).build();
    return Toolgate.builder().stores(stores).supportDesk(stores.supportDesk()).clock(clock).config(config).build();
  }

  @Test
  void aRevokeIsImmediateOnItsGatewayAndReachesTheOtherWithinTheTtl() {
    SqliteConfig file = new SqliteConfig(dir.resolve("toolgate.db"));
    try (SqliteStores firstStores = SqliteStores.open(file);
        SqliteStores secondStores = SqliteStores.open(file);
        Toolgate first = gateway(firstStores);
        Toolgate second = gateway(secondStores)) {
      IssuedKey issued = first.keys().create(ADMIN, NewKey.of("bot", Set.of(Role.AGENT)), "req-issue");
      assertThat(first.keys().authenticate(issued.secret())).isPresent();
      assertThat(second.keys().authenticate(issued.secret())).map(Principal::keyId).contains(issued.key().id());

      assertThat(first.keys().revoke(ADMIN, issued.key().id(), "req-revoke")).isTrue();

      assertThat(first.keys().authenticate(issued.secret())).as("revoked where it was revoked").isEmpty();
      assertThat(second.keys().authenticate(issued.secret())).as("the other still trusts its entry").isPresent();
      clock.advance(TTL.minusMillis(1));
      assertThat(second.keys().authenticate(issued.secret())).isPresent();
      clock.advance(Duration.ofMillis(1));
      assertThat(second.keys().authenticate(issued.secret())).as("its entry expired: the store says revoked").isEmpty();
    }
  }

  @Test
  void aKeyIssuedByOneGatewayIsAcceptedByTheOtherAtOnce() {
    SqliteConfig file = new SqliteConfig(dir.resolve("toolgate.db"));
    try (SqliteStores firstStores = SqliteStores.open(file);
        SqliteStores secondStores = SqliteStores.open(file);
        Toolgate first = gateway(firstStores);
        Toolgate second = gateway(secondStores)) {
      String wrong = "tg_abcdefghij12_" + "x".repeat(43);
      assertThat(second.keys().authenticate(wrong)).isEmpty();

      IssuedKey issued = first.keys().create(ADMIN, NewKey.of("bot", Set.of(Role.AGENT)), "req-issue");

      // Refusals are never cached, so a key issued elsewhere works on its first use here.
      assertThat(second.keys().authenticate(issued.secret())).isPresent();
    }
  }
}
