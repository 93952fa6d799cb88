package dev.toolgate.app.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads on which chat turns that paused for an approval go on once it is decided, so that an
 * approver's request answers at once instead of waiting for the model. Bounded: {@link #THREADS}
 * at once and {@link #QUEUE} waiting; a resume refused because the pool is full (or stopping) leaves
 * its turn paused, and the chat's recovery resumes it later. Handed to the gateway by {@link
 * ToolgateModule}; stopped by the server (before its sockets close, so a still-open socket gets the
 * resumed answer) and again, harmlessly, by the runtime.
 */
final class ChatResumeThreads implements Executor {
  static final int THREADS = 4;
  static final int QUEUE = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ChatResumeThreads.class);

  private final ThreadPoolExecutor pool;

  ChatResumeThreads() {
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
            runnable -> {
              // A daemon: a resume must never keep the JVM alive past a shutdown's bound.
              Thread thread = new Thread(runnable, "toolgate-chat-resume-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} on a resume thread; throws {@code RejectedExecutionException} when full or stopped. */
  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /**
   * Takes no more resumes and lets the running and queued ones finish, up to {@code bound}; what is
   * still running then is interrupted (its turn stays paused and is recovered at the next start).
   * Idempotent.
   */
  void stop(Duration bound) {
    if (pool.isTerminated()) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} chat resumes still running after {} s; they are left for recovery at the next start",
            pool.getActiveCount() + pool.getQueue().size(), bound.toSeconds());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
