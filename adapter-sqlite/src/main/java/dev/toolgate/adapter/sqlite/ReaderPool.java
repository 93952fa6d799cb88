package dev.toolgate.adapter.sqlite;

import dev.toolgate.adapter.sqlite.SqliteDatabase.SqlWork;
import dev.toolgate.ports.UnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of read-only connections to the file. In WAL mode a reader sees the last committed
 * snapshot and never waits for the writer, so cache lookups, finds, lists and audit pages run in
 * parallel with each other and with the group commit. A connection serves one thread at a time: a
 * reader borrows one for the length of its transaction.
 */
final class ReaderPool implements AutoCloseable {
  private final Path file;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all;
  private volatile boolean closed;

  ReaderPool(Path file, List<Connection> connections) {
    this.file = file;
    this.all = List.copyOf(connections);
    this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
  }

  /** Runs {@code work} on one consistent snapshot; any exception ends the read transaction. */
  <T> T read(SqlWork<T> work) {
    Connection connection = borrow();
    try {
      execute(connection, "BEGIN DEFERRED");
      try {
        T result = work.run(connection);
        execute(connection, "COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          execute(connection, "ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw SqliteDatabase.translate("database file " + file, e);
    } finally {
      giveBack(connection);
    }
  }

  /** Whether a reader answers {@code SELECT 1}; never throws. */
  boolean healthy() {
    try {
      return read(connection -> {
        try (Statement statement = connection.createStatement()) {
          return statement.executeQuery("SELECT 1").next();
        }
      });
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Closes idle connections now and borrowed ones as they come back; idempotent. */
  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private Connection borrow() {
    if (closed) {
      throw closedException();
    }
    try {
      // Every reader busy for the whole busy timeout means the pool is far too small for the load.
      Connection connection = idle.poll(SqliteDatabase.BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (connection == null) {
        throw new UnavailableException(
            "database file " + file + ": all " + all.size() + " reader connections stayed busy for "
                + SqliteDatabase.BUSY_TIMEOUT_MS + " ms");
      }
      if (closed) {
        closeQuietly(connection);
        throw closedException();
      }
      return connection;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for a reader of database file " + file, e);
    }
  }

  private void giveBack(Connection connection) {
    if (closed) {
      closeQuietly(connection);
    } else {
      idle.add(connection);
    }
  }

  private UnavailableException closedException() {
    return new UnavailableException("database file " + file + " is closed");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void closeQuietly(Connection connection) {
    StatementCache.forget(connection);
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a read-only connection loses nothing; the file stays consistent.
    }
  }
}
