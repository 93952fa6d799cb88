package dev.toolgate.mcp;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications of one tool call on their way to its MCP client, in order. What a tool reports
 * is queued and sent by one task at a time on the call executor, never on the thread that produced
 * it: an upstream's progress and log messages arrive on the thread that reads that upstream; a
 * write to a client that stops reading blocks, and on that thread it would hold up every other call
 * on the upstream. The call's own messages and its answer come from the call's thread, which may
 * block on its own client: they go at once when nothing waits before them, saving a hand-off.
 *
 * <p>At most {@link #CAPACITY} notifications wait; more are dropped and counted (a later progress
 * supersedes a dropped one; the first dropped log message is reported once, without its content).
 * The call's answer is never dropped and goes after every notification queued before it.
 */
final class CallNotifications {
  static final int CAPACITY = 256;
  private static final Logger LOG = LoggerFactory.getLogger(CallNotifications.class);
  private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

  /** Writes one notification to the client; may block while the client does not read. */
  interface Sender {
    void progress(McpSchema.ProgressNotification notification);

    void log(McpSchema.LoggingMessageNotification notification);
  }

  private record Entry(Runnable send, boolean droppable) {}

  private final Sender sender;
  private final Executor executor;
  private final String call;
  private final int capacity;
  private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong droppedProgress = new AtomicLong();
  private final AtomicLong droppedLogs = new AtomicLong();

  CallNotifications(Sender sender, Executor executor, String call, int capacity) {
    this.sender = sender;
    this.executor = executor;
    this.call = call;
    this.capacity = capacity;
  }

  /** Notifications to the client of {@code exchange}; {@code call} names the call in the server log. */
  static CallNotifications to(McpAsyncServerExchange exchange, Executor executor, String call) {
    Sender sender =
        new Sender() {
          @Override
          public void progress(McpSchema.ProgressNotification notification) {
            exchange.progressNotification(notification).block(NOTIFY_TIMEOUT);
          }

          @Override
          public void log(McpSchema.LoggingMessageNotification notification) {
            // The session drops it below the level the client set.
            exchange.loggingNotification(notification).block(NOTIFY_TIMEOUT);
          }
        };
    return new CallNotifications(sender, executor, call, CAPACITY);
  }

  void progress(McpSchema.ProgressNotification notification) {
    if (!offer(() -> sender.progress(notification))) {
      droppedProgress.incrementAndGet();
    }
  }

  void log(McpSchema.LoggingMessageNotification notification) {
    if (!offer(() -> sender.log(notification)) && droppedLogs.getAndIncrement() == 0) {
      LOG.warn("the MCP client of {} is not keeping up; log messages for it are dropped", call);
    }
  }

  /**
   * A log message of the call's own, from the call's thread: sent at once when nothing waits before
   * it (the usual case), queued like any other otherwise. Only the call's own thread may use this:
   * it blocks while the client does not read, which holds up this call only, as its answer would.
   */
  void logFromCall(McpSchema.LoggingMessageNotification notification) {
    if (!sendNowIfFirst(new Entry(() -> sender.log(notification), true))) {
      log(notification);
    }
  }

  /** A progress notification of the call's own, from the call's thread; as {@link #logFromCall}. */
  void progressFromCall(McpSchema.ProgressNotification notification) {
    if (!sendNowIfFirst(new Entry(() -> sender.progress(notification), true))) {
      progress(notification);
    }
  }

  /**
   * Sends the call's answer: never dropped, after everything queued before it. With nothing queued
   * or being sent (a call that notified nothing, the usual case) it goes on this thread at once: a
   * hop to the executor would cost every call a thread hand-off for no ordering it needs.
   */
  void last(Runnable answer) {
    Entry entry = new Entry(
        () -> {
          long progress = droppedProgress.get();
          long logs = droppedLogs.get();
          if (progress + logs > 0) {
            LOG.info("dropped {} progress and {} log notifications of {} for a client that did not keep up", progress, logs, call);
          }
          answer.run();
        },
        false);
    if (!sendNowIfFirst(entry)) {
      queue.add(entry);
      schedule();
    }
  }

  /**
   * Runs {@code entry} on this thread when nothing is queued or being sent, so it keeps its place in
   * order without a hand-off; false (and nothing done) otherwise.
   */
  private boolean sendNowIfFirst(Entry entry) {
    if (!queue.isEmpty() || !draining.compareAndSet(false, true)) {
      return false;
    }
    try {
      run(entry);
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty()) {
      schedule(); // a notification that raced this one: sent after it, as the client would see it anyway
    }
    return true;
  }

  long dropped() {
    return droppedProgress.get() + droppedLogs.get();
  }

  private boolean offer(Runnable send) {
    if (waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      return false;
    }
    queue.add(new Entry(send, true));
    schedule();
    return true;
  }

  private void schedule() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // Shutting down: the answer still goes (on this thread), the notifications do not.
      for (Entry entry = queue.poll(); entry != null; entry = queue.poll()) {
        if (entry.droppable()) {
          waiting.decrementAndGet();
        } else {
          run(entry);
        }
      }
      draining.set(false);
    }
  }

  private void drain() {
    do {
      for (Entry entry = queue.poll(); entry != null; entry = queue.poll()) {
        if (entry.droppable()) {
          waiting.decrementAndGet();
        }
        run(entry);
      }
      draining.set(false);
      // An entry added after the last poll but before the flag was cleared found the flag set and
      // scheduled nothing: take it on here unless another drain has started meanwhile.
    } while (!queue.isEmpty() && draining.compareAndSet(false, true));
  }

  private static void run(Entry entry) {
    try {
      entry.send().run();
    } catch (RuntimeException e) {
      LOG.debug("could not send a notification to the client: {}", e.getMessage());
    }
  }
}
