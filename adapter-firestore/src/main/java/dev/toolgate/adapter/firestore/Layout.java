package dev.toolgate.adapter.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.PortException;
import java.time.Duration;
import java.util.Map;

/**
 * The version of the document layout, kept in {@code toolgate_meta/layout}, so that a database
 * written by a newer Toolgate is refused instead of misread. Firestore has no schema to migrate;
 * a future layout change will bump {@link #VERSION} and convert documents when it is opened.
 */
final class Layout {
  static final String DOCUMENT = "layout";
  static final long VERSION = 1;

  private Layout() {}

  /** Reads (or, on a new database, writes) the layout version; the first call of every start-up. */
  static void check(FirestoreDatabase db, Duration timeout) {
    DocumentReference reference = db.meta(DOCUMENT);
    String where = db.config().describe();
    DocumentSnapshot document = db.await(reference.get(), "reading the layout version", timeout);
    if (!document.exists()) {
      try {
        db.await(
            reference.create(Map.of("version", VERSION, "created_at", Timestamp.now())),
            "writing the layout version",
            timeout);
        return;
      } catch (ConflictException anotherInstanceWasFirst) {
        document = db.await(reference.get(), "reading the layout version", timeout);
      }
    }
    long found = Fields.read(document, d -> Fields.number(d, "version"));
    if (found > VERSION) {
      throw new PortException(
          "Firestore " + where + " has layout version " + found + ", but this Toolgate supports versions up to "
              + VERSION + "; run a newer Toolgate on it");
    }
  }
}
