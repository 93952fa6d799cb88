package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Approvals in collection {@code approvals}, one document per approval id. A decision is an
 * optimistic transaction (see {@link FirestoreDatabase}): it updates the approval only if it is
 * unchanged since it was read as pending, so of concurrent deciders on any number of gateway
 * instances at most one wins. Expiry is not written back: a PENDING approval past its
 * {@code expires_at} is EXPIRED by {@link Approval#statusAt}, and listing applies the same rule.
 * Unlike idempotency records, approvals are kept after expiry: no TTL policy belongs on this
 * collection.
 */
final class FirestoreApprovalStore implements ApprovalStore {
  private final FirestoreDatabase db;

  FirestoreApprovalStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void create(Approval approval) {
    Objects.requireNonNull(approval, "approval");
    try {
      db.await(document(approval.id()).create(fields(approval)), "creating approval '" + approval.id() + "'");
    } catch (ConflictException e) {
      throw new ConflictException("an approval with id '" + approval.id() + "' already exists");
    }
  }

  @Override
  public Optional<Approval> find(String id) {
    Objects.requireNonNull(id, "id");
    DocumentSnapshot document = db.await(document(id).get(), "reading approval '" + id + "'");
    return document.exists() ? Optional.of(approval(document)) : Optional.empty();
  }

  @Override
  public List<Approval> list(ApprovalStatus status, Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("approval list limit must be at least 1, got " + limit);
    }
    Query newestFirst = db.collection(CollectionNames.APPROVALS).orderBy("created_at", Query.Direction.DESCENDING);
    Query query;
    Predicate<DocumentSnapshot> keep = document -> true;
    if (status == null) {
      query = newestFirst;
    } else if (status == ApprovalStatus.PENDING || status == ApprovalStatus.EXPIRED) {
      // Whether a pending approval has expired depends on "now": stored as PENDING, sorted out here.
      query =
          status == ApprovalStatus.PENDING
              ? newestFirst.whereEqualTo("status", ApprovalStatus.PENDING.name())
              : newestFirst.whereIn("status", List.of(ApprovalStatus.PENDING.name(), ApprovalStatus.EXPIRED.name()));
      keep = document -> approval(document).statusAt(now) == status;
    } else {
      query = newestFirst.whereEqualTo("status", status.name());
    }
    return Queries.scan(db, query, keep, limit, "listing approvals").stream()
        .map(FirestoreApprovalStore::approval)
        .toList();
  }

  @Override
  public Optional<Approval> decide(String id, ApprovalStatus decision, String decidedBy, String reason, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(now, "now");
    if (decision != ApprovalStatus.APPROVED && decision != ApprovalStatus.REJECTED) {
      throw new IllegalArgumentException("an approval can only be decided APPROVED or REJECTED, got " + decision);
    }
    DocumentReference reference = document(id);
    Instant decidedAt = Fields.stored(now);
    String what = "deciding approval '" + id + "'";
    return db.optimistically(
        what,
        () -> {
          DocumentSnapshot document = db.await(reference.get(), what);
          if (!document.exists()) {
            return Optional.<Approval>empty();
          }
          Approval pending = approval(document);
          if (pending.status() != ApprovalStatus.PENDING || !now.isBefore(pending.expiresAt())) {
            return Optional.<Approval>empty();
          }
          Map<String, Object> decided = new HashMap<>();
          decided.put("status", decision.name());
          decided.put("decided_by", decidedBy);
          decided.put("decided_at", Fields.timestamp(decidedAt));
          decided.put("reason", reason);
          db.conditionally(reference.update(decided, FirestoreDatabase.unchangedSince(document)), what);
          return Optional.of(
              new Approval(
                  pending.id(), pending.requesterKeyId(), pending.clientKey(), pending.tool(), pending.arguments(),
                  pending.fingerprint(), pending.policyVersion(), pending.idempotencyKey(), pending.requestId(),
                  decision, pending.createdAt(), pending.expiresAt(), decidedBy, decidedAt, reason,
                  pending.outcome()));
        });
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    // Needs the composite index (status, expires_at) that firestore-setup.sh creates.
    Query undecidedAndExpired =
        db.collection(CollectionNames.APPROVALS)
            .whereIn("status", List.of(ApprovalStatus.PENDING.name(), ApprovalStatus.EXPIRED.name()))
            .whereLessThanOrEqualTo("expires_at", Fields.timestamp(cutoff));
    return Queries.purge(db, undecidedAndExpired, "purging approvals expired before " + cutoff);
  }

  @Override
  public void recordOutcome(String id, JsonNode outcome) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    try {
      db.await(document(id).update("outcome", Fields.json(outcome)), "storing the outcome of approval '" + id + "'");
    } catch (NotFoundException e) {
      throw new NotFoundException("no approval with id '" + id + "'");
    }
  }

  private DocumentReference document(String id) {
    return db.collection(CollectionNames.APPROVALS).document(DocIds.natural(id));
  }

  private static Map<String, Object> fields(Approval approval) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", approval.id());
    fields.put("requester_key_id", approval.requesterKeyId());
    fields.put("client_key", approval.clientKey());
    fields.put("tool", approval.tool());
    fields.put("arguments", Fields.json(approval.arguments()));
    fields.put("fingerprint", approval.fingerprint());
    fields.put("policy_version", approval.policyVersion());
    fields.put("idempotency_key", approval.idempotencyKey());
    fields.put("request_id", approval.requestId());
    fields.put("status", approval.status().name());
    fields.put("created_at", Fields.timestamp(approval.createdAt()));
    fields.put("expires_at", Fields.timestamp(approval.expiresAt()));
    fields.put("decided_by", approval.decidedBy());
    fields.put("decided_at", Fields.timestamp(approval.decidedAt()));
    fields.put("reason", approval.reason());
    fields.put("outcome", Fields.json(approval.outcome()));
    return fields;
  }

  private static Approval approval(DocumentSnapshot document) {
    return Fields.read(
        document,
        d ->
            new Approval(
                Fields.requiredText(d, "id"),
                Fields.requiredText(d, "requester_key_id"),
                Fields.text(d, "client_key"),
                Fields.requiredText(d, "tool"),
                Fields.json(d, "arguments"),
                Fields.requiredText(d, "fingerprint"),
                Fields.requiredText(d, "policy_version"),
                Fields.text(d, "idempotency_key"),
                Fields.requiredText(d, "request_id"),
                ApprovalStatus.parse(Fields.requiredText(d, "status")),
                Fields.requiredInstant(d, "created_at"),
                Fields.requiredInstant(d, "expires_at"),
                Fields.text(d, "decided_by"),
                Fields.instant(d, "decided_at"),
                Fields.text(d, "reason"),
                Fields.json(d, "outcome")));
  }
}
