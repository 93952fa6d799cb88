package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.Firestore;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulator;
import java.time.Clock;

/**
 * The {@link FirestoreStores} currently open on the emulator's test project; reopening closes them
 * and opens new ones on the same database, as a restarted gateway instance would.
 */
final class StoresOnEmulator implements AutoCloseable {
  private final FirestoreConfig config = FirestoreEmulator.shared().config();
  private final Clock clock;
  private FirestoreStores current;
  private FirestoreStores sibling;

  StoresOnEmulator(Clock clock) {
    this.clock = clock;
  }

  FirestoreConfig config() {
    return config;
  }

  FirestoreStores open() {
    current = FirestoreStores.open(config, clock, FirestoreStores.OPEN_TIMEOUT);
    return current;
  }

  /** A second instance on the same storage, open next to the current one (another process); closed with this. */
  FirestoreStores sibling() {
    if (sibling == null) {
      sibling = FirestoreStores.open(config, clock, FirestoreStores.OPEN_TIMEOUT);
    }
    return sibling;
  }

  FirestoreStores reopen() {
    current.close();
    return open();
  }

  /** What a test does by hand on the database, with a client of its own (as someone editing documents). */
  interface ByHand<T> {
    T apply(Firestore firestore) throws Exception;
  }

  /** Runs {@code work} with a client of its own on the same database, then closes that client. */
  <T> T byHand(ByHand<T> work) {
    Firestore firestore = FirestoreClients.connect(config);
    try {
      return work.apply(firestore);
    } catch (Exception e) {
      throw new IllegalStateException("editing the database by hand failed", e);
    } finally {
      firestore.shutdown();
    }
  }

  /** Removes what {@link FirestoreStores#open} seeds into {@code clients}, for suites that start empty. */
  void deleteSeededClients() {
    byHand(
        firestore -> {
          for (var document : firestore.collection(CollectionNames.CLIENTS).listDocuments()) {
            document.delete().get();
          }
          return null;
        });
  }

  @Override
  public void close() {
    if (sibling != null) {
      sibling.close();
    }
    if (current != null) {
      current.close();
    }
  }
}
