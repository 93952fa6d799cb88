package dev.toolgate.ports.state;

/**
 * Makes the writes of one call to a store's ports commit together: the pipeline ends every call with
 * its idempotency completion, its audit record and its usage count, and a store that can put them in
 * one transaction saves the call two commits it would otherwise wait for in turn.
 *
 * <p>{@link #together} runs {@code writes} (calls to ports of the same {@link StateStores}) and returns
 * once what they wrote is durable. A store that groups them makes them atomic as well: if
 * {@code writes} throws, none of its writes is kept and the exception reaches the caller. A store
 * that cannot group ({@link #SEPARATE}) runs them as they come, each committing on its own. Writes to
 * other stores, and anything that waits for another thread's write to the same store, must not be
 * made inside {@code writes}: a grouping store runs them on its writer.
 */
@FunctionalInterface
public interface CommitGroup {
  /** No grouping: each write commits on its own, in order (the in-memory and Firestore stores). */
  CommitGroup SEPARATE = Runnable::run;

  /** Runs {@code writes} and returns once their writes are durable; rethrows what they throw. */
  void together(Runnable writes);
}
