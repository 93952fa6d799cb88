package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.toolgate.core.maintenance.PurgeReport;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaintenanceTest {
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration FAST = Duration.ofMillis(20);

  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private GatewayConfig every(Duration interval) {
    return GatewayConfig.custom().idempotencyRetention(RETENTION).maintenanceInterval(interval).build();
  }

  /** One idempotency record and one cache entry expiring in an hour, one approval expiring in 30 min. */
  private void seedExpiringState() {
    Instant now = fixture.clock.instant();
    fixture.idempotency.reserve(
        new IdempotencyScope("key_a", "create_order", "idem-1"), "fp", "req-1", now, now.plusSeconds(60), now.plusSeconds(3600));
    fixture.cache.put(new CachedResponse("k", Json.object(), now, now.plusSeconds(3600)));
    var arguments = Json.object();
    fixture.approvals.create(
        Approval.pending("apr_1", "key_a", null, "create_order", arguments, Json.fingerprint(arguments), "p1",
            null, "req-1", now, now.plusSeconds(1800)));
  }

  @Test
  void purgeNowDeletesExpiredRecordsAndKeepsExpiredApprovalsForTheRetention() {
    Toolgate gateway = fixture.gateway(every(Duration.ZERO));
    seedExpiringState();

    assertThat(gateway.maintenance().purgeNow()).isEqualTo(new PurgeReport(0, 0, 0, 0));

    fixture.clock.advance(Duration.ofHours(2));
    assertThat(gateway.maintenance().purgeNow())
        .as("the approval expired 1.5 h ago, within the retention")
        .isEqualTo(new PurgeReport(1, 1, 0, 0));
    assertThat(fixture.approvals.find("apr_1")).isPresent();

    fixture.clock.advance(RETENTION);
    assertThat(gateway.maintenance().purgeNow()).isEqualTo(new PurgeReport(0, 0, 1, 0));
    assertThat(fixture.approvals.find("apr_1")).isEmpty();
  }

  @Test
  void scheduledTaskPurgesOnItsOwn() {
    Toolgate gateway = fixture.gateway(every(FAST));
    seedExpiringState();
    fixture.clock.advance(RETENTION.plusHours(1));

    assertThat(gateway.maintenance().start()).isTrue();

    awaitTrue(() -> fixture.approvals.find("apr_1").isEmpty());
    Instant now = fixture.clock.instant();
    assertThat(fixture.idempotency.purgeExpired(now)).as("already purged by the schedule").isZero();
    assertThat(fixture.cache.purgeExpired(now)).isZero();
  }

  @Test
  void startDoesNothingWhenDisabledOrAlreadyStarted() {
    assertThat(fixture.gateway(every(Duration.ZERO)).maintenance().start()).isFalse();

    Toolgate scheduled = fixture.gateway(every(Duration.ofMinutes(5)));
    assertThat(scheduled.maintenance().start()).isTrue();
    assertThat(scheduled.maintenance().start()).isFalse();
  }

  @Test
  void closingTheGatewayStopsTheScheduleAndItsThread() {
    Toolgate gateway = fixture.gateway(every(FAST));
    gateway.maintenance().start();
    awaitTrue(() -> maintenanceThread().isPresent());
    Thread thread = maintenanceThread().orElseThrow();
    assertThat(thread.isDaemon()).isTrue();

    gateway.close();

    awaitTrue(() -> !thread.isAlive());
    assertThatIllegalStateException().isThrownBy(() -> gateway.maintenance().start()).withMessageContaining("closed");
  }

  @Test
  void aFailingRunIsRetriedAtTheNextInterval() {
    AtomicInteger purges = new AtomicInteger();
    ResponseCache failingFirst =
        new ResponseCache() {
          @Override
          public Optional<CachedResponse> get(String key, Instant now) {
            return fixture.cache.get(key, now);
          }

          @Override
          public void put(CachedResponse response) {
            fixture.cache.put(response);
          }

          @Override
          public int purgeExpired(Instant now) {
            if (purges.incrementAndGet() == 1) {
              throw new UnavailableException("cache store is down");
            }
            return fixture.cache.purgeExpired(now);
          }
        };
    Toolgate gateway = fixture.builder(every(FAST)).cache(failingFirst).build();
    try (gateway) {
      seedExpiringState();
      fixture.clock.advance(RETENTION.plusHours(1));
      gateway.maintenance().start();

      awaitTrue(() -> purges.get() >= 2);
      // The first run still purged the other stores despite the cache failing.
      assertThat(fixture.approvals.find("apr_1")).isEmpty();
    }
  }

  private static Optional<Thread> maintenanceThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("toolgate-maintenance") && t.isAlive())
        .findFirst();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
