package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.Role;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API keys in collection {@code api_keys}, one document per key id; only the secret's hash is stored. */
final class FirestoreApiKeyStore implements ApiKeyStore {
  private final FirestoreDatabase db;

  FirestoreApiKeyStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void create(ApiKey key) {
    Objects.requireNonNull(key, "key");
    try {
      db.await(document(key.id()).create(fields(key)), "creating API key '" + key.id() + "'");
    } catch (ConflictException e) {
      throw new ConflictException("an API key with id '" + key.id() + "' already exists");
    }
  }

  @Override
  public Optional<ApiKey> find(String id) {
    Objects.requireNonNull(id, "id");
    DocumentSnapshot document = db.await(document(id).get(), "reading API key '" + id + "'");
    return document.exists() ? Optional.of(Fields.read(document, FirestoreApiKeyStore::key)) : Optional.empty();
  }

  @Override
  public List<ApiKey> list() {
    return Queries.all(db, db.collection(CollectionNames.API_KEYS).orderBy("created_at"), "listing API keys")
        .stream()
        .map(document -> Fields.read(document, FirestoreApiKeyStore::key))
        .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
        .toList();
  }

  @Override
  public boolean revoke(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    DocumentReference reference = document(id);
    String what = "revoking API key '" + id + "'";
    return db.optimistically(
        what,
        () -> {
          DocumentSnapshot document = db.await(reference.get(), what);
          if (!document.exists()) {
            throw new NotFoundException("no API key with id '" + id + "'");
          }
          if (document.get("revoked_at") != null) {
            return false;
          }
          db.conditionally(
              reference.update(
                  Map.of("revoked_at", Fields.timestamp(at)), FirestoreDatabase.unchangedSince(document)),
              what);
          return true;
        });
  }

  private DocumentReference document(String id) {
    return db.collection(CollectionNames.API_KEYS).document(DocIds.natural(id));
  }

  private static Map<String, Object> fields(ApiKey key) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", key.id());
    fields.put("name", key.name());
    fields.put("secret_hash", key.secretHash());
    fields.put("roles", Fields.stringSet(key.roles().stream().map(Role::wireName).collect(Collectors.toSet())));
    fields.put("client_key", key.clientKey());
    fields.put("allow_tools", Fields.stringSet(key.allowTools()));
    fields.put("deny_tools", Fields.stringSet(key.denyTools()));
    fields.put("rate_limit", Fields.rateLimit(key.rateLimit()));
    fields.put("created_at", Fields.timestamp(key.createdAt()));
    fields.put("revoked_at", Fields.timestamp(key.revokedAt()));
    return fields;
  }

  private static ApiKey key(DocumentSnapshot document) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Fields.stringSet(document, "roles").forEach(name -> roles.add(Role.parse(name)));
    return new ApiKey(
        Fields.requiredText(document, "id"),
        Fields.requiredText(document, "name"),
        Fields.requiredText(document, "secret_hash"),
        roles,
        Fields.text(document, "client_key"),
        Fields.stringSet(document, "allow_tools"),
        Fields.stringSet(document, "deny_tools"),
        Fields.rateLimit(document, "rate_limit"),
        Fields.requiredInstant(document, "created_at"),
        Fields.instant(document, "revoked_at"));
  }
}
