package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  @Test
  void aSingleCallerCommitsAloneAndGetsItsResult() {
    List<List<Integer>> batches = new ArrayList<>();
    GroupCommit<Integer, String> group = new GroupCommit<>(10, batch -> {
      batches.add(batch);
      return batch.stream().map(i -> "r" + i).toList();
    });

    assertThat(group.submit(1)).isEqualTo("r1");
    assertThat(group.submit(2)).isEqualTo("r2");
    assertThat(batches).containsExactly(List.of(1), List.of(2));
  }

  @Test
  void callersArrivingDuringACommitShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
    int callers = 40;
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<Integer, Integer> group = new GroupCommit<>(8, batch -> {
      batches.add(batch);
      sleep(20);
      return batch.stream().map(i -> i * 10).toList();
    });

    List<Integer> results = runConcurrently(callers, i -> group.submit(i));

    for (int i = 0; i < callers; i++) {
      assertThat(results.get(i)).isEqualTo(i * 10);
    }
    assertThat(batches.stream().flatMap(List::stream).sorted().toList()).hasSize(callers).doesNotHaveDuplicates();
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
    // 40 callers and 20 ms commits: nearly all arrive while one is in flight.
    assertThat(batches.size()).isLessThan(callers / 2);
  }

  @Test
  void aFailedCommitFailsEveryCallerInItsBatchAndTheNextBatchStillCommits() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GroupCommit<String, String> group = new GroupCommit<>(10, batch -> {
      if (batch.contains("first")) {
        firstStarted.countDown();
        await(release);
        throw new IllegalStateException("commit refused");
      }
      return batch;
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> group.submit("first"));
      assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      Future<String> second = pool.submit(() -> group.submit("second"));
      release.countDown();

      assertThatThrownBy(first::get).hasRootCauseMessage("commit refused");
      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAnEmptyBatchSize() {
    assertThatThrownBy(() -> new GroupCommit<String, String>(0, b -> b)).hasMessageContaining("at least 1");
  }

  interface Task<T> {
    T run(int index) throws Exception;
  }

  static <T> List<T> runConcurrently(int threads, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.run(index);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
