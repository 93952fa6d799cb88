package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Client profiles in seed 000's collection {@code clients}, one document per client key. */
final class FirestoreClientProfileStore implements ClientProfileStore {
  private final FirestoreDatabase db;

  FirestoreClientProfileStore(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void upsert(ClientProfile profile) {
    Objects.requireNonNull(profile, "profile");
    db.await(
        db.collection(CollectionNames.CLIENTS).document(DocIds.natural(profile.clientKey())).set(fields(profile)),
        "storing client '" + profile.clientKey() + "'");
  }

  @Override
  public Optional<ClientProfile> find(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    DocumentSnapshot document =
        db.await(
            db.collection(CollectionNames.CLIENTS).document(DocIds.natural(clientKey)).get(),
            "reading client '" + clientKey + "'");
    return document.exists()
        ? Optional.of(Fields.read(document, FirestoreClientProfileStore::profile))
        : Optional.empty();
  }

  @Override
  public List<ClientProfile> list() {
    return Queries.all(
            db, db.collection(CollectionNames.CLIENTS).orderBy(FieldPath.documentId()), "listing clients")
        .stream()
        .map(document -> Fields.read(document, FirestoreClientProfileStore::profile))
        .sorted(Comparator.comparing(ClientProfile::clientKey))
        .toList();
  }

  static Map<String, Object> fields(ClientProfile profile) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("client_key", profile.clientKey());
    fields.put("display_name", profile.displayName());
    fields.put("time_zone", profile.timeZone().getId());
    fields.put("allow_tools", Fields.stringSet(profile.allowTools()));
    fields.put("deny_tools", Fields.stringSet(profile.denyTools()));
    fields.put("rate_limit", Fields.rateLimit(profile.rateLimit()));
    fields.put("marketing_backend", profile.marketingBackend().wireName());
    fields.put("default_model", profile.defaultModel());
    return fields;
  }

  /**
   * Reads a profile. Documents that seed 000's service wrote hold only some of these fields; they
   * are read with the defaults of a new profile (the document id as key and name, UTC, no lists, no
   * limit, no marketing backend, the gateway's default model). Fields this adapter does not know, such as a seed's
   * {@code klaviyo_api_key}, are never read: secrets belong in the secret store.
   */
  private static ClientProfile profile(DocumentSnapshot document) {
    String clientKey = Objects.requireNonNullElse(Fields.text(document, "client_key"), document.getId());
    String timeZone = Fields.text(document, "time_zone");
    String backend = Fields.text(document, "marketing_backend");
    return new ClientProfile(
        clientKey,
        Objects.requireNonNullElse(Fields.text(document, "display_name"), clientKey),
        timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone),
        Fields.optionalStringSet(document, "allow_tools"),
        Fields.optionalStringSet(document, "deny_tools"),
        Fields.rateLimit(document, "rate_limit"),
        backend == null ? MarketingBackend.NONE : MarketingBackend.parse(backend),
        Fields.text(document, "default_model"));
  }
}
