package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency records in collection {@code idempotency_records}, one document per scope (id: digest
 * of key id, tool and idempotency key). A reservation is an optimistic transaction (see {@link
 * FirestoreDatabase}): it creates the document if it read none, or takes over an expired or
 * abandoned record only if it is unchanged since it was read; so of any number of callers, on any
 * number of gateway instances, exactly one is reserved. {@code expires_at} is a timestamp for a TTL
 * policy; until the policy deletes a record, reads treat it as absent once expired.
 */
final class FirestoreIdempotencyStore implements IdempotencyStore {
  private final FirestoreDatabase db;

  FirestoreIdempotencyStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public Reservation reserve(
      IdempotencyScope scope,
      String fingerprint,
      String requestId,
      Instant now,
      Instant lockedUntil,
      Instant expiresAt) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(expiresAt, "expiresAt");
    DocumentReference reference = document(scope);
    String what = "reserving " + describe(scope);
    Map<String, Object> reserved = fields(scope, fingerprint, requestId, now, lockedUntil, expiresAt);
    return db.optimistically(
        what,
        () -> {
          DocumentSnapshot document = db.await(reference.get(), what);
          if (!document.exists()) {
            db.conditionally(reference.create(reserved), what);
            return new Reservation.Reserved();
          }
          IdempotencyRecord existing = record(scope, document);
          if (existing.liveAt(now)) {
            return new Reservation.Existing(existing);
          }
          // Expired or abandoned: taken over, unless someone else took it over first.
          db.conditionally(reference.update(reserved, FirestoreDatabase.unchangedSince(document)), what);
          return existing.abandonedAt(now) ? new Reservation.Abandoned(existing) : new Reservation.Reserved();
        });
  }

  @Override
  public void complete(IdempotencyScope scope, JsonNode outcome) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(outcome, "outcome");
    try {
      db.await(document(scope).update("outcome", Fields.json(outcome)), "completing " + describe(scope));
    } catch (NotFoundException e) {
      throw new NotFoundException("no idempotency record for " + scope);
    }
  }

  @Override
  public void release(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    DocumentReference reference = document(scope);
    String what = "releasing " + describe(scope);
    db.optimistically(
        what,
        () -> {
          DocumentSnapshot document = db.await(reference.get(), what);
          if (document.exists() && document.get("outcome") == null) {
            db.conditionally(reference.delete(FirestoreDatabase.unchangedSince(document)), what);
          }
          return null;
        });
  }

  @Override
  public boolean forget(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    return db.deleteIfExists(document(scope), "forgetting " + describe(scope));
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(now, "now");
    DocumentSnapshot document = db.await(document(scope).get(), "reading " + describe(scope));
    return document.exists()
        ? Optional.of(record(scope, document)).filter(record -> record.liveAt(now))
        : Optional.empty();
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return Queries.purgeExpired(db, CollectionNames.IDEMPOTENCY, now, "purging expired idempotency records");
  }


  private DocumentReference document(IdempotencyScope scope) {
    return db.collection(CollectionNames.IDEMPOTENCY)
        .document(DocIds.hashed(scope.keyId(), scope.tool(), scope.idempotencyKey()));
  }

  private static String describe(IdempotencyScope scope) {
    return "idempotency key '" + scope.idempotencyKey() + "' of key '" + scope.keyId() + "' for tool '"
        + scope.tool() + "'";
  }

  private static Map<String, Object> fields(
      IdempotencyScope scope,
      String fingerprint,
      String requestId,
      Instant now,
      Instant lockedUntil,
      Instant expiresAt) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("key_id", scope.keyId());
    fields.put("tool", scope.tool());
    fields.put("idempotency_key", scope.idempotencyKey());
    fields.put("fingerprint", fingerprint);
    fields.put("request_id", requestId);
    fields.put("outcome", null);
    fields.put("created_at", Fields.timestamp(now));
    fields.put("locked_until", Fields.timestamp(lockedUntil));
    fields.put("expires_at", Fields.timestamp(expiresAt));
    return fields;
  }

  private static IdempotencyRecord record(IdempotencyScope scope, DocumentSnapshot document) {
    return Fields.read(
        document,
        d ->
            new IdempotencyRecord(
                scope,
                Fields.requiredText(d, "fingerprint"),
                Fields.text(d, "request_id"),
                Fields.json(d, "outcome"),
                Fields.requiredInstant(d, "created_at"),
                Fields.requiredInstant(d, "locked_until"),
                Fields.requiredInstant(d, "expires_at")));
  }
}
