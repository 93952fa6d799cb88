package dev.toolgate.ports.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ApprovalStore} in a map, for tests. Every operation holds the instance lock, which makes
 * {@link #decide} atomic. JSON trees are copied in and out, as a real store would serialise them.
 */
public final class InMemoryApprovalStore implements ApprovalStore {
  private static final Comparator<Approval> NEWEST_FIRST =
      Comparator.comparing(Approval::createdAt).thenComparing(Approval::id).reversed();

  private final Map<String, Approval> approvals = new HashMap<>();

  @Override
  public synchronized void create(Approval approval) {
    Objects.requireNonNull(approval, "approval");
    if (approvals.containsKey(approval.id())) {
      throw new ConflictException("approval '" + approval.id() + "' already exists");
    }
    approvals.put(approval.id(), copy(approval));
  }

  @Override
  public synchronized Optional<Approval> find(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(approvals.get(id)).map(InMemoryApprovalStore::copy);
  }

  @Override
  public synchronized List<Approval> list(ApprovalStatus status, Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return approvals.values().stream()
        .filter(a -> status == null || a.statusAt(now) == status)
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .map(InMemoryApprovalStore::copy)
        .toList();
  }

  @Override
  public synchronized Optional<Approval> decide(
      String id, ApprovalStatus decision, String decidedBy, String reason, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(now, "now");
    if (decision != ApprovalStatus.APPROVED && decision != ApprovalStatus.REJECTED) {
      throw new IllegalArgumentException("a decision is APPROVED or REJECTED, got " + decision);
    }
    Approval current = approvals.get(id);
    if (current == null || current.statusAt(now) != ApprovalStatus.PENDING) {
      return Optional.empty();
    }
    Approval decided = with(current, decision, decidedBy, now, reason, null);
    approvals.put(id, decided);
    return Optional.of(copy(decided));
  }

  @Override
  public synchronized void recordOutcome(String id, JsonNode outcome) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    Approval current = approvals.get(id);
    if (current == null) {
      throw new NotFoundException("no approval '" + id + "'");
    }
    approvals.put(
        id,
        with(current, current.status(), current.decidedBy(), current.decidedAt(), current.reason(), outcome.deepCopy()));
  }

  @Override
  public synchronized int purgeExpired(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int before = approvals.size();
    approvals
        .values()
        .removeIf(
            a -> (a.status() == ApprovalStatus.PENDING || a.status() == ApprovalStatus.EXPIRED)
                && !cutoff.isBefore(a.expiresAt()));
    return before - approvals.size();
  }

  private static Approval with(
      Approval a, ApprovalStatus status, String decidedBy, Instant decidedAt, String reason, JsonNode outcome) {
    return new Approval(
        a.id(), a.requesterKeyId(), a.clientKey(), a.tool(), a.arguments(), a.fingerprint(),
        a.policyVersion(), a.idempotencyKey(), a.requestId(), status, a.createdAt(), a.expiresAt(),
        decidedBy, decidedAt, reason, outcome);
  }

  private static Approval copy(Approval a) {
    return new Approval(
        a.id(), a.requesterKeyId(), a.clientKey(), a.tool(), a.arguments().deepCopy(), a.fingerprint(),
        a.policyVersion(), a.idempotencyKey(), a.requestId(), a.status(), a.createdAt(), a.expiresAt(),
        a.decidedBy(), a.decidedAt(), a.reason(), a.outcome() == null ? null : a.outcome().deepCopy());
  }
}
