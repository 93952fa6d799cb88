package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApprovalStore}: every implementation's test extends this suite.
 * Instants are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractApprovalStoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(30);

  private ApprovalStore store;

  /**
   * A new, empty store. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract ApprovalStore newStore(Clock clock);

  /**
   * The same store after a restart. Persistent stores override this to close {@code store} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected ApprovalStore reopen(ApprovalStore store) {
    return store;
  }

  /**
   * A second instance over the same storage, as another gateway process would open it. The race
   * tests spread their callers over both, so a persistent store shows its atomicity holds across
   * processes, not just across threads. The default (one process) returns the same instance.
   */
  protected ApprovalStore sibling(ApprovalStore store) {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore(new MutableClock(T0));
  }

  private static JsonNode arguments(String customerId) {
    return Json.parse(
        "{\"customer_id\":\"" + customerId + "\",\"status\":\"suspended\",\"notify\":true,\"weight\":0.75}");
  }

  private static Approval pending(String id, Instant createdAt) {
    JsonNode arguments = arguments("cus_001");
    return Approval.pending(
        id, "key_agent", "demo", "update_customer_status", arguments, Json.fingerprint(arguments),
        "policy-v1", "idem-" + id, "req-" + id, createdAt, createdAt.plus(TTL));
  }

  private static Approval decided(
      Approval a, ApprovalStatus status, String decidedBy, Instant decidedAt, String reason, JsonNode outcome) {
    return new Approval(
        a.id(), a.requesterKeyId(), a.clientKey(), a.tool(), a.arguments(), a.fingerprint(), a.policyVersion(),
        a.idempotencyKey(), a.requestId(), status, a.createdAt(), a.expiresAt(), decidedBy, decidedAt, reason,
        outcome);
  }

  private static JsonNode outcome() {
    return Json.parse("{\"status\":\"succeeded\",\"result\":{\"customer\":{\"id\":\"cus_001\",\"status\":\"suspended\"}}}");
  }

  @Test
  void findsCreatedApprovalWithEveryField() {
    Approval full = pending("apr_full", T0);
    JsonNode args = arguments("cus_002");
    Approval sparse =
        Approval.pending(
            "apr_sparse", "key_other", null, "send_message", args, Json.fingerprint(args), "policy-v2",
            null, "req-sparse", T0.plusMillis(1), T0.plusMillis(1).plus(TTL));

    store.create(full);
    store.create(sparse);

    assertThat(store.find("apr_full")).contains(full);
    assertThat(store.find("apr_sparse")).contains(sparse);
    assertThat(store.find("apr_missing")).isEmpty();
  }

  @Test
  void refusesDuplicateIdAndKeepsTheOriginal() {
    Approval original = pending("apr_1", T0);
    store.create(original);
    JsonNode otherArgs = arguments("cus_999");
    Approval duplicate =
        Approval.pending(
            "apr_1", "key_other", null, "send_message", otherArgs, Json.fingerprint(otherArgs), "policy-v9",
            null, "req-dup", T0.plusSeconds(5), T0.plusSeconds(5).plus(TTL));

    assertThatThrownBy(() -> store.create(duplicate)).isInstanceOf(ConflictException.class);
    assertThat(store.find("apr_1")).contains(original);
  }

  @Test
  void listsNewestFirstUpToLimit() {
    store.create(pending("apr_b", T0.plusSeconds(60)));
    store.create(pending("apr_a", T0));
    store.create(pending("apr_c", T0.plusSeconds(120)));

    assertThat(store.list(null, T0.plusSeconds(120), 10))
        .extracting(Approval::id)
        .containsExactly("apr_c", "apr_b", "apr_a");
    assertThat(store.list(null, T0.plusSeconds(120), 2))
        .extracting(Approval::id)
        .containsExactly("apr_c", "apr_b");
  }

  @Test
  void listsByEffectiveStatus() {
    Approval expired = pending("apr_expired", T0);
    Approval live = pending("apr_live", T0.plus(TTL));
    Approval approved = pending("apr_approved", T0.plusSeconds(1));
    Approval rejected = pending("apr_rejected", T0.plusSeconds(2));
    for (Approval approval : List.of(expired, live, approved, rejected)) {
      store.create(approval);
    }
    store.decide("apr_approved", ApprovalStatus.APPROVED, "key_approver", null, T0.plusSeconds(10));
    store.decide("apr_rejected", ApprovalStatus.REJECTED, "key_approver", "no", T0.plusSeconds(10));
    // Past the expiry of all but apr_live: decided approvals keep their decision, pending ones expire.
    Instant now = T0.plus(TTL).plusSeconds(5);

    assertThat(store.list(ApprovalStatus.PENDING, now, 10)).extracting(Approval::id).containsExactly("apr_live");
    assertThat(store.list(ApprovalStatus.EXPIRED, now, 10)).extracting(Approval::id).containsExactly("apr_expired");
    assertThat(store.list(ApprovalStatus.APPROVED, now, 10)).extracting(Approval::id).containsExactly("apr_approved");
    assertThat(store.list(ApprovalStatus.REJECTED, now, 10)).extracting(Approval::id).containsExactly("apr_rejected");
    assertThat(store.list(null, now, 10))
        .extracting(Approval::id)
        .containsExactly("apr_live", "apr_rejected", "apr_approved", "apr_expired");
    assertThat(store.list(ApprovalStatus.PENDING, T0.plusSeconds(5), 10))
        .extracting(Approval::id)
        .containsExactly("apr_live", "apr_expired");
  }

  @Test
  void approvesPendingApprovalOnce() {
    store.create(pending("apr_1", T0));
    Instant decidedAt = T0.plusSeconds(90);

    Optional<Approval> approved =
        store.decide("apr_1", ApprovalStatus.APPROVED, "key_approver", "looks right", decidedAt);

    assertThat(approved)
        .contains(
            decided(pending("apr_1", T0), ApprovalStatus.APPROVED, "key_approver", decidedAt, "looks right", null));
    assertThat(store.find("apr_1")).isEqualTo(approved);

    assertThat(store.decide("apr_1", ApprovalStatus.REJECTED, "key_other", "changed mind", decidedAt.plusSeconds(1)))
        .isEmpty();
    assertThat(store.decide("apr_1", ApprovalStatus.APPROVED, "key_other", null, decidedAt.plusSeconds(2)))
        .isEmpty();
    assertThat(store.find("apr_1")).isEqualTo(approved);
  }

  @Test
  void rejectsPendingApprovalOnce() {
    store.create(pending("apr_1", T0));

    Approval rejected =
        store.decide("apr_1", ApprovalStatus.REJECTED, "key_approver", null, T0.plusSeconds(5)).orElseThrow();

    assertThat(rejected)
        .isEqualTo(decided(pending("apr_1", T0), ApprovalStatus.REJECTED, "key_approver", T0.plusSeconds(5), null, null));
    assertThat(store.decide("apr_1", ApprovalStatus.APPROVED, "key_approver", null, T0.plusSeconds(6))).isEmpty();
    assertThat(store.find("apr_1").orElseThrow().status()).isEqualTo(ApprovalStatus.REJECTED);
  }

  @Test
  void refusesDecisionAtOrAfterExpiry() {
    Approval approval = pending("apr_1", T0);
    store.create(approval);

    assertThat(store.decide("apr_1", ApprovalStatus.APPROVED, "key_approver", null, approval.expiresAt())).isEmpty();
    assertThat(store.decide("apr_1", ApprovalStatus.REJECTED, "key_approver", null, approval.expiresAt().plusSeconds(1)))
        .isEmpty();
    assertThat(store.find("apr_1")).contains(approval);
  }

  @Test
  void acceptsDecisionJustBeforeExpiry() {
    Approval approval = pending("apr_1", T0);
    store.create(approval);

    assertThat(store.decide("apr_1", ApprovalStatus.APPROVED, "key_approver", null, approval.expiresAt().minusMillis(1)))
        .isPresent();
  }

  @Test
  void decisionOnUnknownApprovalReturnsEmpty() {
    assertThat(store.decide("apr_missing", ApprovalStatus.APPROVED, "key_approver", null, T0)).isEmpty();
    assertThat(store.find("apr_missing")).isEmpty();
  }

  @Test
  void letsExactlyOneOfConcurrentDecisionsWin() {
    int threads = 20;
    int rounds = 5;
    for (int round = 0; round < rounds; round++) {
      store.create(pending("apr_race_" + round, T0));
    }

    ApprovalStore second = sibling(store);
    List<List<Optional<Approval>>> results =
        Race.rounds(
            threads,
            rounds,
            (round, thread) ->
                (thread % 2 == 0 ? store : second).decide(
                    "apr_race_" + round,
                    thread % 2 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED,
                    "key_approver_" + thread,
                    "decision " + thread,
                    T0.plusSeconds(1)));

    for (int round = 0; round < rounds; round++) {
      List<Approval> winners = results.get(round).stream().flatMap(Optional::stream).toList();
      assertThat(winners).as("winning decisions in round %d", round).hasSize(1);
      assertThat(store.find("apr_race_" + round)).contains(winners.get(0));
    }
  }

  @Test
  void storesOutcomeOfApprovedCall() {
    store.create(pending("apr_1", T0));
    Approval approved =
        store.decide("apr_1", ApprovalStatus.APPROVED, "key_approver", "ok", T0.plusSeconds(1)).orElseThrow();

    store.recordOutcome("apr_1", outcome());

    assertThat(store.find("apr_1"))
        .contains(
            decided(approved, approved.status(), approved.decidedBy(), approved.decidedAt(), approved.reason(), outcome()));
  }

  @Test
  void recordingOutcomeOfUnknownApprovalThrowsNotFound() {
    assertThatThrownBy(() -> store.recordOutcome("apr_missing", outcome())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void approvalsSurviveRestart() {
    Approval waiting = pending("apr_waiting", T0);
    store.create(waiting);
    store.create(pending("apr_done", T0.plusSeconds(1)));
    store.decide("apr_done", ApprovalStatus.APPROVED, "key_approver", "ok", T0.plusSeconds(2));
    store.recordOutcome("apr_done", outcome());
    Approval done = store.find("apr_done").orElseThrow();

    store = reopen(store);

    assertThat(store.find("apr_waiting")).contains(waiting);
    assertThat(store.find("apr_done")).contains(done);
    assertThat(store.list(null, T0.plusSeconds(3), 10)).containsExactly(done, waiting);
    assertThat(store.decide("apr_done", ApprovalStatus.REJECTED, "key_approver", null, T0.plusSeconds(4))).isEmpty();
    assertThat(store.decide("apr_waiting", ApprovalStatus.REJECTED, "key_approver", null, T0.plusSeconds(4)))
        .isPresent();
  }

  @Test
  void purgeExpiredDeletesUndecidedApprovalsExpiredByTheCutoffAndCountsThem() {
    store.create(pending("apr_old", T0));
    store.create(pending("apr_edge", T0.plusSeconds(60)));
    store.create(pending("apr_young", T0.plusSeconds(3600)));
    store.create(pending("apr_rejected", T0));
    store.decide("apr_rejected", ApprovalStatus.REJECTED, "key_approver", "no", T0.plusSeconds(5));
    store.create(pending("apr_approved", T0));
    store.decide("apr_approved", ApprovalStatus.APPROVED, "key_approver", null, T0.plusSeconds(5));
    Instant cutoff = T0.plusSeconds(60).plus(TTL); // exactly apr_edge's expiry

    assertThat(store.purgeExpired(cutoff)).isEqualTo(2);

    assertThat(store.find("apr_old")).isEmpty();
    assertThat(store.find("apr_edge")).isEmpty();
    assertThat(store.find("apr_young")).isPresent();
    assertThat(store.find("apr_rejected")).as("decisions are kept").isPresent();
    assertThat(store.find("apr_approved")).isPresent();
    assertThat(store.purgeExpired(cutoff)).isZero();
  }

  @Test
  void purgeExpiredKeepsAnApprovalUntilTheCutoffReachesItsExpiry() {
    Approval waiting = pending("apr_waiting", T0);
    store.create(waiting);

    assertThat(store.purgeExpired(waiting.expiresAt().minusMillis(1))).isZero();
    assertThat(store.find("apr_waiting")).contains(waiting);
    assertThat(store.purgeExpired(waiting.expiresAt())).isEqualTo(1);
  }
}
