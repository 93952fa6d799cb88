package dev.toolgate.ports.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.toolgate.ports.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyRecordTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final IdempotencyScope SCOPE = new IdempotencyScope("key_1", "create_order", "idem-1");

  private static IdempotencyRecord inFlight() {
    return new IdempotencyRecord(SCOPE, "fp", "req-1", null, T0, T0.plusSeconds(60), T0.plusSeconds(3600));
  }

  private static IdempotencyRecord completed() {
    return new IdempotencyRecord(SCOPE, "fp", "req-1", Json.object(), T0, T0.plusSeconds(60), T0.plusSeconds(3600));
  }

  @Test
  void inFlightRecordIsLiveUntilItsLockPasses() {
    assertThat(inFlight().liveAt(T0)).isTrue();
    assertThat(inFlight().liveAt(T0.plusSeconds(59))).isTrue();
    assertThat(inFlight().liveAt(T0.plusSeconds(60))).as("abandoned at lockedUntil").isFalse();
  }

  @Test
  void completedRecordOutlivesItsLockUntilItExpires() {
    assertThat(completed().liveAt(T0.plusSeconds(60))).isTrue();
    assertThat(completed().liveAt(T0.plusSeconds(3599))).isTrue();
    assertThat(completed().liveAt(T0.plusSeconds(3600))).as("expired at expiresAt").isFalse();
  }

  @Test
  void expiryWinsOverAnUnpassedLock() {
    var odd = new IdempotencyRecord(SCOPE, "fp", "req-1", null, T0, T0.plusSeconds(7200), T0.plusSeconds(3600));
    assertThat(odd.liveAt(T0.plusSeconds(3600))).isFalse();
  }

  @Test
  void refusesANullInstant() {
    assertThatNullPointerException().isThrownBy(() -> completed().liveAt(null)).withMessage("now");
  }
}
