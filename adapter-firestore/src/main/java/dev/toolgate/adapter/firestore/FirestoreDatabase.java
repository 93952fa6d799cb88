package dev.toolgate.adapter.firestore;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.UnavailableException;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Firestore client shared by all stores of a {@link FirestoreStores}, and the ways every store
 * talks to it: waiting for a call (bounded, vendor failures translated by {@link Failures}) and
 * optimistic transactions ({@link #optimistically}). After {@link #close()} every call fails with a
 * retryable {@link UnavailableException}, as a closed SQLite file does.
 *
 * <h2>Optimistic transactions</h2>
 *
 * An operation that must be atomic across gateway instances (reserving an idempotency key,
 * deciding an approval, appending to the audit chain, numbering a ticket) reads what it needs, then
 * commits all its writes at once, each conditional on what was read: a document read as absent is
 * written with {@code create} (fails if it exists by then), a document read as present with an
 * update-time precondition (fails if it changed by then). Firestore applies such a commit
 * atomically or not at all; when any condition no longer holds the operation lost a race, and it
 * reads again and decides again. This is how Firestore's web and mobile SDKs run transactions. It is
 * used here instead of the server SDK's {@code runTransaction}, whose reads take locks: contending
 * transactions then wait for each other, and on the emulator a waiting transaction is only aborted
 * by a lock timeout, which turned a burst of 20 callers racing for one document into 30 s timeouts.
 */
final class FirestoreDatabase implements AutoCloseable {
  /** How long one call, or one optimistic operation with all its attempts, may take. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(FirestoreDatabase.class);
  private static final long MAX_PAUSE_MILLIS = 50;

  private final Firestore firestore;
  private final FirestoreConfig config;
  private final AtomicBoolean closed = new AtomicBoolean();

  FirestoreDatabase(Firestore firestore, FirestoreConfig config) {
    this.firestore = firestore;
    this.config = config;
  }

  FirestoreConfig config() {
    return config;
  }

  CollectionReference collection(String name) {
    return open().collection(name);
  }

  /** A document of the adapter's own bookkeeping collection (layout version, audit head, counters). */
  DocumentReference meta(String id) {
    return collection(CollectionNames.META).document(id);
  }

  WriteBatch batch() {
    return open().batch();
  }

  ApiFuture<List<DocumentSnapshot>> getAll(DocumentReference... documents) {
    return open().getAll(documents);
  }

  /** Waits for a call; {@code what} names it in failures, e.g. {@code "reading API key 'k1'"}. */
  <T> T await(ApiFuture<T> call, String what) {
    return await(call, what, CALL_TIMEOUT);
  }

  <T> T await(ApiFuture<T> call, String what, Duration timeout) {
    try {
      return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      call.cancel(true);
      throw Failures.translate(e, what, timeout);
    }
  }

  /**
   * Runs {@code attempt} until it completes without losing a race: an attempt reads, decides, and
   * commits with {@link #commitIfUnchanged}, which throws {@link LostRace} when a document changed
   * since it was read. Between attempts it pauses a few random milliseconds, so that racers spread
   * out. A port exception thrown by an attempt ends the operation unchanged.
   *
   * @throws UnavailableException if no attempt got through within {@link #CALL_TIMEOUT}
   */
  <T> T optimistically(String what, Supplier<T> attempt) {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        return attempt.get();
      } catch (LostRace lost) {
        if (System.nanoTime() > deadline) {
          throw new UnavailableException(
              "too much contention while " + what + ": " + attempts + " attempts in "
                  + CALL_TIMEOUT.toSeconds() + " s lost the race; try again");
        }
        pause(attempts);
      }
    }
  }

  /**
   * Commits writes made conditional on what was read ({@code create}, or a {@link #unchangedSince}
   * precondition); throws {@link LostRace} if a condition no longer holds.
   */
  void commitIfUnchanged(WriteBatch batch, String what) {
    conditionally(batch.commit(), what);
  }

  /** {@link #commitIfUnchanged} for a single conditional write. */
  void conditionally(ApiFuture<?> write, String what) {
    try {
      write.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      write.cancel(true);
      Status.Code code = Failures.code(e);
      if (code == Status.Code.FAILED_PRECONDITION
          || code == Status.Code.ALREADY_EXISTS
          || code == Status.Code.NOT_FOUND) {
        throw new LostRace();
      }
      throw Failures.translate(e, what, CALL_TIMEOUT);
    }
  }

  /**
   * Deletes the document if it exists, whatever it holds, as of one read: a write between the read and
   * the delete makes the attempt run again. Returns whether there was a document to delete.
   */
  boolean deleteIfExists(DocumentReference reference, String what) {
    return optimistically(
        what,
        () -> {
          DocumentSnapshot document = await(reference.get(), what);
          if (!document.exists()) {
            return false;
          }
          conditionally(reference.delete(unchangedSince(document)), what);
          return true;
        });
  }

  /** The precondition that {@code document} (read as existing) has not changed since it was read. */
  static Precondition unchangedSince(DocumentSnapshot document) {
    return Precondition.updatedAt(document.getUpdateTime());
  }

  /** Whether Firestore answers a one-document read within {@code timeout}; never throws. */
  boolean healthy(Duration timeout) {
    if (closed.get()) {
      return false;
    }
    try {
      await(meta(Layout.DOCUMENT).get(), "checking health", timeout);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Firestore {} is not healthy: {}", config.describe(), e.getMessage());
      return false;
    }
  }

  private Firestore open() {
    if (closed.get()) {
      throw new UnavailableException("the Firestore stores of " + config.describe() + " are closed");
    }
    return firestore;
  }

  private static void pause(int attempts) {
    long bound = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempts, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting to try again", e);
    }
  }

  /** Closes the client and its channels; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        firestore.close();
      } catch (Exception e) {
        LOG.warn("closing the Firestore client of {} failed: {}", config.describe(), e.toString());
      }
    }
  }

  /**
   * A conditional commit found a document changed since it was read: the attempt must read again.
   * Only {@link #optimistically} catches it; it never leaves the adapter.
   */
  static final class LostRace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LostRace() {
      super("a document changed since it was read", null, false, false);
    }
  }
}
