package dev.toolgate.adapter.firestore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Batches the items that callers submit together into one commit, without a thread of its own: the
 * first caller to find no commit in flight becomes the leader, takes everything queued (up to
 * {@code maxBatch}) and commits it; callers arriving meanwhile wait, and when the commit ends one of
 * them leads the next batch. Each caller returns once the batch holding its item is committed (or
 * throws the batch's failure). Under load this turns one commit per item into one commit per round
 * trip, whatever the number of callers; with a single caller nothing waits.
 *
 * @param <I> what callers submit
 * @param <O> what the commit answers for each item, in the same order
 */
final class GroupCommit<I, O> {
  private final int maxBatch;
  private final Function<List<I>, List<O>> commit;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition committed = lock.newCondition();
  private final Deque<Pending<I, O>> queue = new ArrayDeque<>();
  private boolean committing;

  /** {@code commit} gets the batch in submission order and answers one result per item. */
  GroupCommit(int maxBatch, Function<List<I>, List<O>> commit) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.commit = Objects.requireNonNull(commit, "commit");
  }

  /** Submits {@code item} and returns its result once its batch is committed. */
  O submit(I item) {
    Pending<I, O> mine = new Pending<>(item);
    lock.lock();
    try {
      queue.addLast(mine);
      while (true) {
        while (!mine.done && committing) {
          committed.awaitUninterruptibly();
        }
        if (mine.done) {
          return mine.result();
        }
        committing = true;
        List<Pending<I, O>> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < maxBatch) {
          batch.add(queue.pollFirst());
        }
        lock.unlock();
        try {
          run(batch);
        } finally {
          lock.lock();
          committing = false;
          committed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void run(List<Pending<I, O>> batch) {
    List<O> results;
    try {
      results = commit.apply(batch.stream().map(p -> p.item).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException("a commit of " + batch.size() + " items answered " + results.size());
      }
    } catch (RuntimeException | Error e) {
      // Completed under the lock by the caller's finally block; 'done' is read only under it.
      lock.lock();
      try {
        batch.forEach(p -> p.fail(e));
      } finally {
        lock.unlock();
      }
      return;
    }
    lock.lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).succeed(results.get(i));
      }
    } finally {
      lock.unlock();
    }
  }

  private static final class Pending<I, O> {
    final I item;
    boolean done;
    O value;
    Throwable failure;

    Pending(I item) {
      this.item = item;
    }

    void succeed(O result) {
      value = result;
      done = true;
    }

    void fail(Throwable e) {
      failure = e;
      done = true;
    }

    O result() {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      return value;
    }
  }
}
