package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WsTicketsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final WsTickets tickets = new WsTickets(clock, Duration.ofSeconds(60));
  private final Principal agent = new Principal("k1", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);

  @Test
  void aTicketOpensOnceForItsPrincipal() {
    WsTickets.Issued issued = tickets.issue(agent);

    assertThat(issued.expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
    assertThat(tickets.redeem(issued.ticket())).contains(agent);
    assertThat(tickets.redeem(issued.ticket())).isEmpty();
  }

  @Test
  void anExpiredTicketOpensNothing() {
    WsTickets.Issued issued = tickets.issue(agent);
    clock.now = clock.now.plusSeconds(60);

    assertThat(tickets.redeem(issued.ticket())).isEmpty();
  }

  @Test
  void ticketsAreRandomAndUnguessable() {
    String one = tickets.issue(agent).ticket();
    String two = tickets.issue(agent).ticket();

    assertThat(one).startsWith("wst_").hasSizeGreaterThan(40).isNotEqualTo(two);
    assertThat(tickets.redeem("wst_" + one.substring(4, 20))).isEmpty();
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
