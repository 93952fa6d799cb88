package dev.toolgate.ports.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks on many threads released at the same instant, so that contract suites can show that
 * an operation is atomic. Every wait is bounded: a deadlocked store fails the test instead of
 * hanging the build.
 */
final class Race {
  private static final long TIMEOUT_SECONDS = 20;

  /** One racer's work in one round. */
  interface Task<T> {
    T run(int round, int thread);
  }

  private Race() {}

  /** Runs {@code task.apply(i)} for i in 0..threads-1, all started together; returns results in i order. */
  static <T> List<T> run(int threads, IntFunction<T> task) {
    return rounds(threads, 1, (round, thread) -> task.apply(thread)).get(0);
  }

  /**
   * Runs {@code rounds} races: in each, every thread calls {@code task.run(round, thread)} and no
   * thread starts round r+1 before all finished round r. A race is decided in a narrow window, so
   * several rounds make a non-atomic store far more likely to lose one. Results are indexed
   * [round][thread].
   */
  static <T> List<List<T>> rounds(int threads, int rounds, Task<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      CyclicBarrier roundStart = new CyclicBarrier(threads);
      List<Future<List<T>>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        Callable<List<T>> racer =
            () -> {
              ready.countDown();
              if (!go.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("start gate never opened");
              }
              List<T> mine = new ArrayList<>();
              for (int round = 0; round < rounds; round++) {
                roundStart.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                  mine.add(task.run(round, thread));
                } catch (RuntimeException | Error e) {
                  // Wakes the other racers at once instead of leaving them to time out at the barrier.
                  roundStart.reset();
                  throw e;
                }
              }
              return mine;
            };
        futures.add(pool.submit(racer));
      }
      if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("not all " + threads + " threads started");
      }
      go.countDown();
      List<List<T>> byThread = new ArrayList<>();
      Throwable failure = null;
      for (Future<List<T>> future : futures) {
        try {
          byThread.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          // Report the racer that failed, not the others that only saw the barrier break.
          if (failure == null || failure instanceof BrokenBarrierException) {
            failure = e.getCause();
          }
        }
      }
      if (failure != null) {
        throw new AssertionError("a racing task failed: " + failure, failure);
      }
      List<List<T>> byRound = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<T> results = new ArrayList<>();
        for (List<T> mine : byThread) {
          results.add(mine.get(round));
        }
        byRound.add(results);
      }
      return byRound;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while racing", e);
    } catch (TimeoutException e) {
      throw new AssertionError("a racing task did not finish within " + TIMEOUT_SECONDS + " s", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
