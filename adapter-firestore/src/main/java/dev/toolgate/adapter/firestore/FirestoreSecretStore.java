package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Clients' third-party secrets in collection {@code secrets}, one document per (client, name) (id:
 * their digest). Only the ciphertext core hands in is stored; no message here ever includes it.
 */
final class FirestoreSecretStore implements SecretStore {
  private final FirestoreDatabase db;

  FirestoreSecretStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void put(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    Map<String, Object> fields = new HashMap<>();
    fields.put("client_key", secret.clientKey());
    fields.put("name", secret.name());
    fields.put("ciphertext", secret.ciphertext());
    fields.put("updated_at", Fields.timestamp(secret.updatedAt()));
    db.await(document(secret.clientKey(), secret.name()).set(fields), "storing " + describe(secret.clientKey(), secret.name()));
  }

  @Override
  public Optional<EncryptedSecret> find(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    DocumentSnapshot document = db.await(document(clientKey, name).get(), "reading " + describe(clientKey, name));
    return document.exists()
        ? Optional.of(
            Fields.read(
                document,
                d ->
                    new EncryptedSecret(
                        Fields.requiredText(d, "client_key"),
                        Fields.requiredText(d, "name"),
                        Fields.requiredText(d, "ciphertext"),
                        Fields.requiredInstant(d, "updated_at"))))
        : Optional.empty();
  }

  @Override
  public List<String> names(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return Queries.all(
            db,
            db.collection(CollectionNames.SECRETS).whereEqualTo("client_key", clientKey),
            "listing the secrets of client '" + clientKey + "'")
        .stream()
        .map(document -> Fields.read(document, d -> Fields.requiredText(d, "name")))
        .sorted()
        .toList();
  }

  @Override
  public boolean delete(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    return db.deleteIfExists(document(clientKey, name), "deleting " + describe(clientKey, name));
  }

  private DocumentReference document(String clientKey, String name) {
    return db.collection(CollectionNames.SECRETS).document(DocIds.hashed(clientKey, name));
  }

  private static String describe(String clientKey, String name) {
    return "secret '" + name + "' of client '" + clientKey + "'";
  }
}
