package dev.toolgate.adapter.firestore;

import com.google.api.core.ApiFuture;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteResult;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reading queries page by page, and purging expired documents. */
final class Queries {
  private static final int MIN_PAGE = 100;
  private static final int MAX_PAGE = 1000;
  private static final int PURGE_PAGE = 500;

  private Queries() {}

  /** Every document {@code query} matches, in its order. */
  static List<QueryDocumentSnapshot> all(FirestoreDatabase db, Query query, String what) {
    return db.await(query.get(), what).getDocuments();
  }

  /**
   * The first {@code limit} documents of an ordered {@code query} that also pass {@code keep}, for
   * conditions Firestore cannot evaluate without extra composite indexes (an expiry compared with
   * "now", a time window next to equality filters). Reads page after page until enough are kept.
   */
  static List<DocumentSnapshot> scan(
      FirestoreDatabase db, Query query, Predicate<DocumentSnapshot> keep, int limit, String what) {
    int page = Math.max(MIN_PAGE, Math.min(limit, MAX_PAGE));
    List<DocumentSnapshot> kept = new ArrayList<>();
    DocumentSnapshot last = null;
    while (kept.size() < limit) {
      Query next = last == null ? query.limit(page) : query.startAfter(last).limit(page);
      List<QueryDocumentSnapshot> documents = db.await(next.get(), what).getDocuments();
      for (QueryDocumentSnapshot document : documents) {
        if (kept.size() < limit && keep.test(document)) {
          kept.add(document);
        }
      }
      if (documents.size() < page) {
        break;
      }
      last = documents.get(documents.size() - 1);
    }
    return kept;
  }

  /**
   * Deletes the documents of {@code collection} whose {@code expires_at} is at or before {@code now}
   * and returns how many. Each delete is conditional on the document being unchanged since it was
   * read, so a record renewed meanwhile (a reservation taken over, a cache entry replaced) survives.
   */
  static int purgeExpired(FirestoreDatabase db, String collection, Instant now, String what) {
    return purge(db, db.collection(collection).whereLessThanOrEqualTo("expires_at", Fields.timestamp(now)), what);
  }

  /**
   * Deletes the documents {@code matching} finds, page by page, and returns how many. Each delete is
   * conditional on the document being unchanged since it was read.
   */
  static int purge(FirestoreDatabase db, Query matching, String what) {
    Query expired = matching.limit(PURGE_PAGE);
    int deleted = 0;
    while (true) {
      List<QueryDocumentSnapshot> page = all(db, expired, what);
      List<ApiFuture<WriteResult>> deletes = new ArrayList<>();
      for (QueryDocumentSnapshot document : page) {
        Timestamp seen = document.getUpdateTime();
        deletes.add(document.getReference().delete(Precondition.updatedAt(seen)));
      }
      int deletedNow = 0;
      for (ApiFuture<WriteResult> delete : deletes) {
        try {
          db.await(delete, what);
          deletedNow++;
        } catch (UnavailableException e) {
          throw e;
        } catch (PortException changedOrGone) {
          // Renewed or decided (FAILED_PRECONDITION) or already deleted by another instance or the
          // TTL policy (NOT_FOUND): not ours to count.
        }
      }
      deleted += deletedNow;
      if (page.size() < PURGE_PAGE || deletedNow == 0) {
        return deleted;
      }
    }
  }
}
