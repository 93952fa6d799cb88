package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A call's notifications: bounded, in order, off the producing thread, the answer last and never dropped. */
class CallNotificationsTest {
  private static final int CAPACITY = 8;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final CountDownLatch reading = new CountDownLatch(1);

  /** A client that reads nothing until {@link #reading} opens. */
  private final CallNotifications.Sender stalled =
      new CallNotifications.Sender() {
        @Override
        public void progress(McpSchema.ProgressNotification notification) {
          await();
          sent.add("progress " + notification.progress().intValue());
        }

        @Override
        public void log(McpSchema.LoggingMessageNotification notification) {
          await();
          sent.add("log " + notification.data());
        }
      };

  @AfterEach
  void stop() {
    reading.countDown();
    executor.shutdownNow();
  }

  private void await() {
    try {
      reading.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static McpSchema.ProgressNotification progress(int value) {
    return new McpSchema.ProgressNotification("t", (double) value, null, null, null);
  }

  @Test
  void aClientThatDoesNotReadNeverBlocksTheSenderAndTheAnswerComesLastAfterWhatWasQueued() throws Exception {
    CallNotifications notifications = new CallNotifications(stalled, executor, "test call", CAPACITY);
    long started = System.nanoTime();
    for (int i = 1; i <= 10_000; i++) {
      notifications.progress(progress(i));
      notifications.log(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO, "x", "line " + i, null));
    }
    CountDownLatch answered = new CountDownLatch(1);
    notifications.last(() -> {
      sent.add("answer");
      answered.countDown();
    });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(notifications.dropped()).isGreaterThanOrEqualTo(20_000 - CAPACITY - 1);

    reading.countDown();
    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    // One in the sender's hands, the queue's worth after it, then the answer: nothing lost but drops.
    assertThat(sent).hasSizeBetween(2, CAPACITY + 2).last().isEqualTo("answer");
    assertThat(sent.get(0)).isEqualTo("progress 1");
    List<Integer> progress = sent.stream().filter(s -> s.startsWith("progress ")).map(s -> Integer.parseInt(s.substring(9))).toList();
    assertThat(progress).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aClientThatKeepsUpGetsEverythingInOrder() throws Exception {
    reading.countDown();
    CallNotifications notifications = new CallNotifications(stalled, executor, "test call", CAPACITY);
    CountDownLatch answered = new CountDownLatch(1);
    for (int i = 1; i <= 5; i++) {
      notifications.progress(progress(i));
      Thread.sleep(20);
    }
    notifications.last(answered::countDown);
    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sent).containsExactly("progress 1", "progress 2", "progress 3", "progress 4", "progress 5");
    assertThat(notifications.dropped()).isZero();
  }

  @Test
  void theAnswerIsSentEvenWhenTheExecutorIsShutDown() {
    executor.shutdown();
    CallNotifications notifications = new CallNotifications(stalled, executor, "test call", CAPACITY);
    notifications.progress(progress(1));
    boolean[] answered = new boolean[1];
    notifications.last(() -> answered[0] = true);
    assertThat(answered[0]).isTrue();
    assertThat(sent).isEmpty();
  }

  @Test
  void anAnswerWithNothingQueuedGoesOnTheCallersThreadWithoutAHandOff() {
    CallNotifications notifications = new CallNotifications(stalled, executor, "test call", CAPACITY);
    Thread[] answeredOn = new Thread[1];
    notifications.last(() -> answeredOn[0] = Thread.currentThread());
    assertThat(answeredOn[0]).isSameAs(Thread.currentThread());
  }

  @Test
  void theCallsOwnMessagesGoOnItsThreadWhenNothingWaitsAndQueueBehindWhatDoes() throws Exception {
    CallNotifications notifications = new CallNotifications(stalled, executor, "test call", CAPACITY);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CallNotifications own =
        new CallNotifications(
            new CallNotifications.Sender() {
              @Override
              public void progress(McpSchema.ProgressNotification notification) {
                threads.add(Thread.currentThread());
              }

              @Override
              public void log(McpSchema.LoggingMessageNotification notification) {
                threads.add(Thread.currentThread());
              }
            },
            executor,
            "test call",
            CAPACITY);
    own.progressFromCall(progress(0));
    own.logFromCall(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO, "x", "done", null));
    assertThat(threads).containsExactly(Thread.currentThread(), Thread.currentThread());

    // A tool's report still being sent to a client that does not read: the call's own message
    // neither waits for it nor overtakes it.
    CountDownLatch answered = new CountDownLatch(1);
    notifications.progress(progress(1));
    notifications.logFromCall(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.INFO, "x", "own", null));
    assertThat(sent).isEmpty();
    reading.countDown();
    notifications.last(answered::countDown);
    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sent).containsExactly("progress 1", "log own");
  }
}
