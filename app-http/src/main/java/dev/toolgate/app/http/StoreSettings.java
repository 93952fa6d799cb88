package dev.toolgate.app.http;

import dev.toolgate.adapter.firestore.FirestoreConfig;
import java.util.Locale;
import java.util.Objects;

/**
 * Which store holds the gateway's state ({@code TOOLGATE_STORE}): the embedded SQLite file under the
 * data directory (the default), or a Firestore database shared by several gateway instances.
 *
 * @param kind which store
 * @param firestore the Firestore database, set exactly when {@code kind} is {@link Kind#FIRESTORE}
 */
public record StoreSettings(Kind kind, FirestoreConfig firestore) {
  /** The stores Toolgate can run on. */
  public enum Kind {
    SQLITE,
    FIRESTORE;

    /** The value of {@code TOOLGATE_STORE}: {@code sqlite} or {@code firestore}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code TOOLGATE_STORE} value, case-insensitively; throws quoting the bad value. */
    public static Kind parse(String value) {
      for (Kind kind : values()) {
        if (kind.wireName().equalsIgnoreCase(value.trim())) {
          return kind;
        }
      }
      throw new IllegalArgumentException("must be sqlite or firestore, got '" + value + "'");
    }
  }

  public StoreSettings {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.FIRESTORE) != (firestore != null)) {
      throw new IllegalArgumentException(
          "a Firestore configuration goes with store kind firestore only, got kind " + kind.wireName());
    }
  }

  /** The embedded default. */
  public static StoreSettings sqlite() {
    return new StoreSettings(Kind.SQLITE, null);
  }

  public static StoreSettings firestore(FirestoreConfig config) {
    return new StoreSettings(Kind.FIRESTORE, Objects.requireNonNull(config, "config"));
  }

  @Override
  public String toString() {
    return kind == Kind.SQLITE ? "sqlite" : "firestore " + firestore.describe();
  }
}
