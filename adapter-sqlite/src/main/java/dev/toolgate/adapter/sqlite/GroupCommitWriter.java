package dev.toolgate.adapter.sqlite;

import dev.toolgate.adapter.sqlite.SqliteDatabase.SqlWork;
import dev.toolgate.ports.UnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file's only writer in this process: one thread and one connection. Callers queue their write
 * transactions; the thread takes everything queued (up to {@link #MAX_BATCH}) and runs it in one
 * {@code BEGIN IMMEDIATE … COMMIT}, so many concurrent writes share one commit (one WAL append and
 * lock round, and one fsync if {@code synchronous=FULL} is ever chosen). Each caller returns only
 * after the commit that holds its write.
 *
 * <p>Each write runs inside its own savepoint: a write that throws is rolled back to it and fails its
 * caller alone, the others commit. Works run one after another in queue order on the same
 * connection, so a later write reads what an earlier one in the batch wrote: audit appends in a batch
 * chain to each other exactly. If the transaction itself is lost (commit fails, or SQLite rolled
 * back everything after an I/O error), the writes that had succeeded are run again, each in a
 * transaction of its own, so one bad write never takes the others down with it.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** The most writes one transaction holds; bounds how long a commit keeps later callers waiting. */
  static final int MAX_BATCH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final Path file;
  private final Connection connection;
  private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final Object lifecycle = new Object();
  private boolean closed;

  GroupCommitWriter(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
    this.thread = new Thread(this::loop, "sqlite-writer " + file.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code work} in the next group commit and returns its result once that commit is durable. */
  <T> T write(SqlWork<T> work) {
    if (Thread.currentThread() == thread) {
      // A write made by a write (none today) is already inside the batch's transaction.
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw SqliteDatabase.translate("database file " + file, e);
      }
    }
    Write<T> write = new Write<>(work);
    synchronized (lifecycle) {
      if (closed) {
        throw closedException();
      }
      queue.add(write);
    }
    try {
      return write.result.join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** How many transactions committed so far, and how many writes they held (for tests and logs). */
  long commits() {
    return commits.get();
  }

  long writes() {
    return writes.get();
  }

  /** Writes waiting for the writer thread (for tests). */
  int queued() {
    return queue.size();
  }

  boolean running() {
    return thread.isAlive();
  }

  /** Finishes every write queued so far, then stops the thread and closes the connection; idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Write.STOP);
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
      throw SqliteDatabase.translate("closing database file " + file, e);
    }
  }

  private void loop() {
    List<Write<?>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody interrupts this thread but close(), which uses STOP instead; keep serving.
        continue;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(Write.STOP);
      if (!batch.isEmpty()) {
        try {
          commit(batch);
        } catch (Throwable unexpected) {
          LOG.error("the writer of database file {} failed a batch", file, unexpected);
          batch.forEach(write -> write.fail(unexpected));
        }
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Write<?>> batch) {
    try {
      execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      // Another process held the lock for the whole busy timeout: every write of the batch would wait as long.
      RuntimeException failure = SqliteDatabase.translate("database file " + file, e);
      batch.forEach(write -> write.fail(failure));
      return;
    }
    List<Write<?>> done = new ArrayList<>();
    List<Write<?>> again = new ArrayList<>();
    boolean lost = false;
    for (Write<?> write : batch) {
      if (lost) {
        again.add(write);
        continue;
      }
      try {
        execute("SAVEPOINT w");
        write.run(connection);
        execute("RELEASE w");
        done.add(write);
      } catch (Throwable failure) {
        write.fail(failure);
        if (!rollBackTo(failure)) {
          lost = true;
          again.addAll(done);
          done.clear();
        }
      }
    }
    if (!lost) {
      try {
        execute("COMMIT");
        commits.incrementAndGet();
        writes.addAndGet(done.size());
        done.forEach(Write::release);
        done.clear();
      } catch (SQLException e) {
        rollBack(e);
        again.addAll(0, done);
      }
    } else {
      rollBack(null);
    }
    for (Write<?> write : again) {
      alone(write);
    }
  }

  /** Runs one write in a transaction of its own. */
  private void alone(Write<?> write) {
    try {
      execute("BEGIN IMMEDIATE");
      try {
        write.run(connection);
        execute("COMMIT");
        commits.incrementAndGet();
        writes.incrementAndGet();
        write.release();
      } catch (Throwable failure) {
        rollBack(failure);
        write.fail(failure);
      }
    } catch (SQLException e) {
      write.fail(e);
    }
  }

  /** Undoes one failed write; false when the whole transaction is gone (SQLite rolled it back itself). */
  private boolean rollBackTo(Throwable failure) {
    try {
      execute("ROLLBACK TO w");
      execute("RELEASE w");
      return true;
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  private void rollBack(Throwable failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may have rolled back on its own already (after SQLITE_FULL, for one).
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * Runs a transaction-control statement. They run several times per batch (a savepoint and its
   * release per write), so they are kept prepared like every other statement of this connection.
   */
  private void execute(String sql) throws SQLException {
    PreparedStatement statement = StatementCache.take(connection, sql);
    try {
      statement.execute();
    } catch (SQLException e) {
      StatementCache.discard(statement);
      throw e;
    }
    StatementCache.release(connection, sql, statement);
  }

  private RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof SQLException sql) {
      return SqliteDatabase.translate("database file " + file, sql);
    }
    return new IllegalStateException(cause);
  }

  private UnavailableException closedException() {
    return new UnavailableException("database file " + file + " is closed");
  }

  /** One queued write and the future its caller waits on. */
  private static final class Write<T> {
    static final Write<Void> STOP = new Write<>(connection -> null);

    final SqlWork<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;

    Write(SqlWork<T> work) {
      this.work = work;
    }

    void run(Connection connection) throws SQLException {
      value = work.run(connection);
    }

    /** Called only after the commit that holds this write. */
    void release() {
      result.complete(value);
    }

    void fail(Throwable failure) {
      result.completeExceptionally(failure);
    }
  }
}
