package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void standsStillUntilAdvanced() {
    MutableClock clock = new MutableClock(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(1500));
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli() + 1500);
  }

  @Test
  void setsAnyInstant() {
    MutableClock clock = new MutableClock(T0);

    clock.set(T0.minusSeconds(60));

    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
  }

  @Test
  void refusesToRunBackward() {
    MutableClock clock = new MutableClock(T0);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void zonedCopySharesTheTime() {
    MutableClock clock = new MutableClock(T0);
    Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

    clock.advance(Duration.ofHours(1));

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.instant()).isEqualTo(T0.plusSeconds(3600));
  }
}
