package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The response cache in seed 000's collection {@code caches} ({@code caches/{hash_key} → data,
 * expires_at}): the document id is the SHA-256 of the cache key. Expired entries are not served;
 * a TTL policy on {@code expires_at} (or {@link #purgeExpired}) deletes them.
 */
final class FirestoreResponseCache implements ResponseCache {
  private final FirestoreDatabase db;

  FirestoreResponseCache(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<CachedResponse> get(String key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    DocumentSnapshot document = db.await(document(key).get(), "reading a cache entry");
    if (!document.exists()) {
      return Optional.empty();
    }
    CachedResponse entry =
        Fields.read(
            document,
            d ->
                new CachedResponse(
                    Fields.requiredText(d, "key"),
                    Fields.json(d, "data"),
                    Fields.requiredInstant(d, "stored_at"),
                    Fields.requiredInstant(d, "expires_at")));
    return Optional.of(entry).filter(e -> e.key().equals(key) && now.isBefore(e.expiresAt()));
  }

  @Override
  public void put(CachedResponse response) {
    Objects.requireNonNull(response, "response");
    Map<String, Object> fields = new HashMap<>();
    fields.put("key", response.key());
    fields.put("data", Fields.json(response.value()));
    fields.put("stored_at", Fields.timestamp(response.storedAt()));
    fields.put("expires_at", Fields.timestamp(response.expiresAt()));
    db.await(document(response.key()).set(fields), "storing a cache entry");
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return Queries.purgeExpired(db, CollectionNames.CACHES, now, "purging expired cache entries");
  }

  private DocumentReference document(String key) {
    return db.collection(CollectionNames.CACHES).document(Json.sha256(key));
  }
}
