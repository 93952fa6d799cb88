package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores approvals. Thread-safe; approvals must survive restarts. */
public interface ApprovalStore {
  /** Stores a new approval. Throws {@link dev.toolgate.ports.ConflictException} if the id exists. */
  void create(Approval approval);

  /** The approval with this id, or empty. */
  Optional<Approval> find(String id);

  /**
   * Approvals whose effective status at {@code now} is {@code status} (all if null), newest first,
   * at most {@code limit}.
   */
  List<Approval> list(ApprovalStatus status, Instant now, int limit);

  /**
   * Atomically decides a pending approval: if it is PENDING and {@code now < expiresAt}, sets
   * {@code decision} (APPROVED or REJECTED), {@code decidedBy}, {@code decidedAt = now} and
   * {@code reason}, and returns the updated approval. Otherwise changes nothing and returns empty.
   * Of concurrent callers, at most one gets a non-empty result.
   */
  Optional<Approval> decide(
      String id, ApprovalStatus decision, String decidedBy, String reason, Instant now);

  /**
   * Stores the outcome of an approved approval's execution. Throws
   * {@link dev.toolgate.ports.NotFoundException} if there is no such approval.
   */
  void recordOutcome(String id, JsonNode outcome);

  /**
   * Deletes every approval that was never decided (stored PENDING or EXPIRED) and whose
   * {@code expiresAt} is at or before {@code cutoff}; returns how many. Decided approvals are kept:
   * they record who approved or rejected what. The caller chooses how long past expiry an
   * undecided approval stays readable (core keeps it for the idempotency retention).
   */
  int purgeExpired(Instant cutoff);
}
