package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatResumeThreadsTest {
  @Test
  void stopLetsARunningResumeFinishWithinTheBoundThenRefusesMore() throws Exception {
    ChatResumeThreads threads = new ChatResumeThreads();
    CountDownLatch finished = new CountDownLatch(1);
    threads.execute(() -> {
      sleep(100);
      finished.countDown();
    });

    threads.stop(Duration.ofSeconds(5));

    assertThat(finished.await(0, TimeUnit.MILLISECONDS)).as("the resume finished before stop returned").isTrue();
    assertThatThrownBy(() -> threads.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    threads.stop(Duration.ofSeconds(5));
  }

  @Test
  void stopIsBoundedAndInterruptsAResumeThatRunsOn() throws Exception {
    ChatResumeThreads threads = new ChatResumeThreads();
    CountDownLatch interrupted = new CountDownLatch(1);
    threads.execute(() -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    });
    Thread.sleep(50);
    long started = System.nanoTime();

    threads.stop(Duration.ofMillis(200));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
