package dev.toolgate.adapter.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on a thread of its own, so the writer
 * thread does not. SQLite's automatic checkpoint runs inside a commit (every 1000 log pages) and
 * fsyncs the log and the database there, stalling every caller queued behind that commit; the writer
 * connection turns it off ({@code wal_autocheckpoint=0}) and this thread does the copying instead.
 *
 * <p>Every {@link #INTERVAL_MS} in which the writer committed, a {@code PASSIVE} checkpoint copies
 * what no reader still needs; it takes no lock the writer waits for. But a busy writer keeps
 * appending while it runs, so the log is never fully copied when the next write starts and SQLite
 * never starts it over: {@code PASSIVE} alone lets it grow without bound under sustained load (55 MB
 * in the integration test's 10,000 appends). So when the log holds more than {@link #CEILING_PAGES}
 * this thread asks the writer to start it over between two batches
 * ({@link GroupCommitWriter#restartLogBetweenBatches}), which costs the writer the copy of the last
 * few batches and one fsync; and after a round without commits this thread empties it itself
 * ({@code TRUNCATE}, no writer in the way), so an idle server keeps no log at all.
 *
 * <p>It has its own connection rather than a reader's: readers are {@code query_only}, and a pool
 * connection held for a checkpoint's fsyncs would be one less for requests.
 */
final class WalCheckpointer implements AutoCloseable {
  /** How often the log is looked at. */
  static final long INTERVAL_MS = 100;
  /** Log size (pages) above which the writer is asked to start it over: 16 MiB at 4 KiB pages. */
  static final int CEILING_PAGES = 4096;
  /** How long a restarting or truncating checkpoint waits for the write lock and for readers before it gives up. */
  static final int BUSY_TIMEOUT_MS = 20;

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  private final Path file;
  private final Connection connection;
  private final GroupCommitWriter writer;
  private final long interval;
  private final int ceilingPages;
  private final Thread thread;
  private final Object sleep = new Object();
  private final AtomicLong passive = new AtomicLong();
  private final AtomicLong idleTruncations = new AtomicLong();
  private final AtomicLong writerAsked = new AtomicLong();
  private volatile long largestLog;
  private volatile boolean closed;
  private boolean warned;

  /**
   * @param connection this thread's own connection to {@code file}; closed with this
   * @param writer the file's writer: its commit count tells busy from idle, and it restarts the log when asked
   */
  WalCheckpointer(Path file, Connection connection, GroupCommitWriter writer, long intervalMs, int ceilingPages) {
    this.file = file;
    this.connection = connection;
    this.writer = writer;
    this.interval = intervalMs;
    this.ceilingPages = ceilingPages;
    this.thread = new Thread(this::loop, "sqlite-checkpointer " + file.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  /** Passive checkpoints run so far (for tests). */
  long passiveCheckpoints() {
    return passive.get();
  }

  /** Times the log was emptied by this thread while the writer was idle (for tests). */
  long idleTruncations() {
    return idleTruncations.get();
  }

  /** Times the writer was asked to start over a log above the ceiling (for tests). */
  long writerAsked() {
    return writerAsked.get();
  }

  /** The largest log a passive checkpoint found, in pages (for tests). */
  long largestLogPages() {
    return largestLog;
  }

  /** Stops the thread and closes its connection; the last connection to close folds the log back. */
  @Override
  public void close() {
    synchronized (sleep) {
      closed = true;
      sleep.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StatementCache.forget(connection);
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the checkpoint connection of database file {} failed: {}", file, e.getMessage());
    }
  }

  private void loop() {
    LongSupplier commits = writer::commits;
    long seen = commits.getAsLong();
    boolean logEmpty = false;
    while (pause()) {
      long now = commits.getAsLong();
      boolean idle = now == seen;
      seen = now;
      if (idle && logEmpty) {
        continue;
      }
      writer.checkpointing().lock();
      try {
        if (idle) {
          logEmpty = truncate();
        } else {
          logEmpty = false;
          if (passiveLogPages() > ceilingPages) {
            writerAsked.incrementAndGet();
            writer.restartLogBetweenBatches();
          }
        }
      } catch (SQLException | RuntimeException e) {
        // Checkpoints are housekeeping: a failed one is tried again next round; the log only grows meanwhile.
        if (!warned) {
          warned = true;
          LOG.warn("checkpointing database file {} failed (tried again every {} ms): {}", file, interval, e.toString());
        }
      } finally {
        writer.checkpointing().unlock();
      }
    }
  }

  /** Waits one interval; false once closed. */
  private boolean pause() {
    synchronized (sleep) {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval);
      long left;
      while (!closed && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(sleep, left);
        } catch (InterruptedException e) {
          // Only close() ends this thread.
        }
      }
      return !closed;
    }
  }

  /** A passive checkpoint; returns the log's size in pages. */
  private long passiveLogPages() throws SQLException {
    long log = Sql.queryOne(connection, "PRAGMA wal_checkpoint(PASSIVE)", row -> row.getLong(2)).orElse(0L);
    passive.incrementAndGet();
    if (log > largestLog) {
      largestLog = log;
    }
    return log;
  }

  /** A truncating checkpoint; true when it emptied the log (no reader or other process was in the way). */
  private boolean truncate() throws SQLException {
    boolean done = Sql.queryOne(connection, "PRAGMA wal_checkpoint(TRUNCATE)", row -> row.getInt(1) == 0).orElse(false);
    if (done) {
      idleTruncations.incrementAndGet();
    }
    return done;
  }
}
