package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdempotencyStore}: every implementation's test extends this suite.
 * Instants are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractIdempotencyStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant LOCKED_UNTIL = T0.plusSeconds(30);
  private static final Instant EXPIRES_AT = T0.plus(Duration.ofHours(24));
  private static final IdempotencyScope SCOPE = new IdempotencyScope("key_agent", "create_ticket", "idem-1");
  private static final String FP_A = Json.sha256("a");
  private static final String FP_B = Json.sha256("b");
  private static final String REQUEST = "req-1";

  private IdempotencyStore store;

  /**
   * A new, empty store. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract IdempotencyStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected IdempotencyStore reopen(IdempotencyStore store) {
    return store;
  }

  /**
   * A second instance over the same storage, as another gateway process would open it. The race
   * tests spread their callers over both, so a persistent store shows its atomicity holds across
   * processes, not just across threads. The default (one process) returns the same instance.
   */
  protected IdempotencyStore sibling(IdempotencyStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private Reservation reserve(IdempotencyScope scope, String fingerprint, Instant now) {
    return store.reserve(scope, fingerprint, REQUEST, now, now.plusSeconds(30), now.plus(Duration.ofHours(24)));
  }

  private static JsonNode outcome() {
    return Json.parse(
        """
        {"status":"succeeded","result":{"ticket_id":"tkt_001","tags":["billing","vip"],
         "amount":12.5,"count":3,"big":9007199254740993,"open":true,"note":null,
         "text":"Grüße, \\"quoted\\" ✓"}}""");
  }

  private static IdempotencyRecord existing(Reservation reservation) {
    assertThat(reservation).isInstanceOf(Reservation.Existing.class);
    return ((Reservation.Existing) reservation).record();
  }

  @Test
  void reservesAbsentScopeAsInFlightRecord() {
    Reservation reservation = store.reserve(SCOPE, FP_A, REQUEST, T0, LOCKED_UNTIL, EXPIRES_AT);

    assertThat(reservation).isEqualTo(new Reservation.Reserved());
    assertThat(store.find(SCOPE, T0))
        .contains(new IdempotencyRecord(SCOPE, FP_A, REQUEST, null, T0, LOCKED_UNTIL, EXPIRES_AT));
  }

  @Test
  void reportsInFlightRecordToSecondCaller() {
    reserve(SCOPE, FP_A, T0);

    IdempotencyRecord record = existing(reserve(SCOPE, FP_A, T0.plusSeconds(1)));

    assertThat(record.completed()).isFalse();
    assertThat(record.fingerprint()).isEqualTo(FP_A);
    assertThat(record.createdAt()).isEqualTo(T0);
  }

  @Test
  void replaysStoredOutcomeForSameKey() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    IdempotencyRecord record = existing(reserve(SCOPE, FP_A, T0.plusSeconds(5)));

    assertThat(record.completed()).isTrue();
    assertThat(record.outcome()).isEqualTo(outcome());
    assertThat(store.find(SCOPE, T0.plusSeconds(5))).contains(record);
  }

  @Test
  void returnsFirstFingerprintWhenKeyIsReusedWithOtherArguments() {
    reserve(SCOPE, FP_A, T0);

    assertThat(existing(reserve(SCOPE, FP_B, T0.plusSeconds(1))).fingerprint()).isEqualTo(FP_A);

    store.complete(SCOPE, outcome());
    assertThat(existing(reserve(SCOPE, FP_B, T0.plusSeconds(2))).fingerprint()).isEqualTo(FP_A);
  }

  @Test
  void outcomeRoundTripsEqual() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    assertThat(store.find(SCOPE, T0).orElseThrow().outcome()).isEqualTo(outcome());
  }

  @Test
  void treatsExpiredRecordAsAbsent() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    assertThat(store.find(SCOPE, EXPIRES_AT.minusMillis(1))).isPresent();
    assertThat(store.find(SCOPE, EXPIRES_AT)).isEmpty();
    assertThat(store.reserve(SCOPE, FP_B, "req-2", EXPIRES_AT, EXPIRES_AT.plusSeconds(30), EXPIRES_AT.plusSeconds(3600)))
        .isEqualTo(new Reservation.Reserved());
    assertThat(store.find(SCOPE, EXPIRES_AT))
        .contains(
            new IdempotencyRecord(
                SCOPE, FP_B, "req-2", null, EXPIRES_AT, EXPIRES_AT.plusSeconds(30), EXPIRES_AT.plusSeconds(3600)));
  }

  @Test
  void takesOverAbandonedReservationAndSaysWhatWasCutOff() {
    reserve(SCOPE, FP_A, T0);

    assertThat(reserve(SCOPE, FP_B, LOCKED_UNTIL.minusMillis(1))).isInstanceOf(Reservation.Existing.class);
    Reservation takeover = store.reserve(SCOPE, FP_B, "req-2", LOCKED_UNTIL, LOCKED_UNTIL.plusSeconds(30), EXPIRES_AT);

    assertThat(takeover)
        .isEqualTo(
            new Reservation.Abandoned(new IdempotencyRecord(SCOPE, FP_A, REQUEST, null, T0, LOCKED_UNTIL, EXPIRES_AT)));
    IdempotencyRecord taken = store.find(SCOPE, LOCKED_UNTIL).orElseThrow();
    assertThat(taken.fingerprint()).isEqualTo(FP_B);
    assertThat(taken.requestId()).isEqualTo("req-2");
    assertThat(taken.createdAt()).isEqualTo(LOCKED_UNTIL);
    assertThat(taken.completed()).isFalse();
  }

  @Test
  void abandonedReservationsAreTakenOverByExactlyOneOfManyConcurrentCallers() {
    int threads = 20;
    reserve(SCOPE, FP_A, T0);
    IdempotencyStore second = sibling(store);

    List<Reservation> race =
        Race.rounds(
                threads,
                1,
                (round, thread) ->
                    (thread % 2 == 0 ? store : second)
                        .reserve(SCOPE, FP_A, "req-" + thread, LOCKED_UNTIL, LOCKED_UNTIL.plusSeconds(30), EXPIRES_AT))
            .get(0);

    assertThat(race).filteredOn(r -> r instanceof Reservation.Abandoned).hasSize(1);
    assertThat(race).filteredOn(r -> r instanceof Reservation.Existing).hasSize(threads - 1);
  }

  @Test
  void findTreatsAbandonedReservationAsAbsent() {
    reserve(SCOPE, FP_A, T0);

    assertThat(store.find(SCOPE, LOCKED_UNTIL.minusMillis(1))).isPresent();
    assertThat(store.find(SCOPE, LOCKED_UNTIL)).isEmpty();
  }

  @Test
  void keepsCompletedRecordAfterItsLockTimeHasPassed() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    Instant later = LOCKED_UNTIL.plusSeconds(60);
    IdempotencyRecord record = existing(reserve(SCOPE, FP_B, later));

    assertThat(record.fingerprint()).isEqualTo(FP_A);
    assertThat(record.outcome()).isEqualTo(outcome());
    assertThat(store.find(SCOPE, later)).contains(record);
  }

  @Test
  void releaseFreesInFlightReservation() {
    reserve(SCOPE, FP_A, T0);

    store.release(SCOPE);

    assertThat(store.find(SCOPE, T0)).isEmpty();
    assertThat(reserve(SCOPE, FP_B, T0.plusSeconds(1))).isEqualTo(new Reservation.Reserved());
  }

  @Test
  void releaseLeavesCompletedRecordAlone() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    store.release(SCOPE);

    assertThat(store.find(SCOPE, T0).orElseThrow().outcome()).isEqualTo(outcome());
    assertThat(reserve(SCOPE, FP_A, T0.plusSeconds(1))).isInstanceOf(Reservation.Existing.class);
  }

  @Test
  void forgetDeletesARecordWhateverItsStateSoTheKeyIsFreeAgain() {
    IdempotencyScope inFlight = new IdempotencyScope("key_agent", "create_ticket", "forget-in-flight");
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());
    reserve(inFlight, FP_A, T0);

    assertThat(store.forget(SCOPE)).isTrue();
    assertThat(store.forget(inFlight)).isTrue();
    assertThat(store.forget(SCOPE)).as("nothing left to forget").isFalse();

    assertThat(store.find(SCOPE, T0)).isEmpty();
    assertThat(reserve(SCOPE, FP_B, T0.plusSeconds(1))).isEqualTo(new Reservation.Reserved());
    assertThat(reserve(inFlight, FP_B, T0.plusSeconds(1))).isEqualTo(new Reservation.Reserved());
  }

  @Test
  void releaseOfUnknownScopeChangesNothing() {
    reserve(SCOPE, FP_A, T0);
    IdempotencyScope other = new IdempotencyScope("key_agent", "create_ticket", "idem-other");

    store.release(other);

    assertThat(store.find(other, T0)).isEmpty();
    assertThat(store.find(SCOPE, T0)).isPresent();
  }

  @Test
  void completeOfUnknownScopeThrowsNotFound() {
    assertThatThrownBy(() -> store.complete(SCOPE, outcome())).isInstanceOf(NotFoundException.class);
    assertThat(store.find(SCOPE, T0)).isEmpty();
  }

  @Test
  void purgeExpiredDeletesOnlyExpiredRecordsAndCountsThem() {
    IdempotencyScope first = new IdempotencyScope("key_agent", "create_ticket", "purge-1");
    IdempotencyScope second = new IdempotencyScope("key_agent", "create_ticket", "purge-2");
    IdempotencyScope third = new IdempotencyScope("key_agent", "create_ticket", "purge-3");
    store.reserve(first, FP_A, REQUEST, T0, T0.plusSeconds(30), T0.plusSeconds(3600));
    store.reserve(second, FP_A, REQUEST, T0, T0.plusSeconds(30), T0.plusSeconds(7200));
    store.complete(second, outcome());
    store.reserve(third, FP_A, REQUEST, T0, T0.plusSeconds(30), T0.plusSeconds(10800));

    assertThat(store.purgeExpired(T0.plusSeconds(7200))).isEqualTo(2);

    // Looking before the expiry shows deletion rather than records merely counted as absent.
    assertThat(store.find(first, T0)).isEmpty();
    assertThat(store.find(second, T0)).isEmpty();
    assertThat(store.find(third, T0)).isPresent();
    assertThat(store.purgeExpired(T0.plusSeconds(7200))).isZero();
  }

  @Test
  void scopesDifferingInKeyIdToolOrKeyAreIndependent() {
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());

    List<IdempotencyScope> others =
        List.of(
            new IdempotencyScope("key_other", SCOPE.tool(), SCOPE.idempotencyKey()),
            new IdempotencyScope(SCOPE.keyId(), "send_message", SCOPE.idempotencyKey()),
            new IdempotencyScope(SCOPE.keyId(), SCOPE.tool(), "idem-2"));
    for (IdempotencyScope other : others) {
      assertThat(reserve(other, FP_B, T0)).as("reserve %s", other).isEqualTo(new Reservation.Reserved());
    }
    for (IdempotencyScope other : others) {
      assertThat(store.find(other, T0).orElseThrow().fingerprint()).isEqualTo(FP_B);
    }
    assertThat(store.find(SCOPE, T0).orElseThrow().fingerprint()).isEqualTo(FP_A);
  }

  @Test
  void reservesForExactlyOneOfManyConcurrentCallers() {
    int threads = 50;
    int rounds = 5;

    IdempotencyStore second = sibling(store);
    List<List<Reservation>> results =
        Race.rounds(
            threads,
            rounds,
            (round, thread) ->
                (thread % 2 == 0 ? store : second)
                    .reserve(raceScope(round), raceFingerprint(thread), "req-" + thread, T0, T0.plusSeconds(30), T0.plus(Duration.ofHours(24))));

    for (int round = 0; round < rounds; round++) {
      List<Reservation> race = results.get(round);
      List<Integer> winners =
          IntStream.range(0, threads).filter(i -> race.get(i) instanceof Reservation.Reserved).boxed().toList();
      assertThat(winners).as("reserved callers in round %d", round).hasSize(1);
      String winnerFingerprint = raceFingerprint(winners.get(0));
      assertThat(race)
          .filteredOn(r -> r instanceof Reservation.Existing)
          .hasSize(threads - 1)
          .allSatisfy(r -> assertThat(existing(r).fingerprint()).isEqualTo(winnerFingerprint));
      assertThat(store.find(raceScope(round), T0).orElseThrow().fingerprint()).isEqualTo(winnerFingerprint);
      assertThat(second.find(raceScope(round), T0)).isEqualTo(store.find(raceScope(round), T0));
    }
  }

  private static IdempotencyScope raceScope(int round) {
    return new IdempotencyScope(SCOPE.keyId(), SCOPE.tool(), "race-" + round);
  }

  private static String raceFingerprint(int thread) {
    return Json.sha256("caller-" + thread);
  }

  @Test
  void recordsSurviveRestart() {
    IdempotencyScope inFlight = new IdempotencyScope("key_agent", "create_ticket", "in-flight");
    reserve(SCOPE, FP_A, T0);
    store.complete(SCOPE, outcome());
    reserve(inFlight, FP_B, T0);
    IdempotencyRecord completedBefore = store.find(SCOPE, T0).orElseThrow();
    IdempotencyRecord inFlightBefore = store.find(inFlight, T0).orElseThrow();

    store = reopen(store);

    assertThat(store.find(SCOPE, T0)).contains(completedBefore);
    assertThat(store.find(inFlight, T0)).contains(inFlightBefore);
    assertThat(existing(reserve(SCOPE, FP_A, T0.plusSeconds(1))).outcome()).isEqualTo(outcome());
    assertThat(existing(reserve(inFlight, FP_B, T0.plusSeconds(1))).completed()).isFalse();
  }
}
