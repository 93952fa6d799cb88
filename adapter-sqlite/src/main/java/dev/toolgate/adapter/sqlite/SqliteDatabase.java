package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteException;

/**
 * One SQLite file behind one JDBC connection. A JDBC connection must not be used by two threads at
 * once, so every use holds the lock; other processes on the same file are kept out of our writes by
 * {@code BEGIN IMMEDIATE}, which waits up to the busy timeout for their write to finish.
 */
final class SqliteDatabase implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 5000;

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private SqliteDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  static SqliteDatabase open(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UnavailableException("cannot create the directory of database file " + absolute + ": " + e, e);
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
      try (Statement statement = connection.createStatement()) {
        // busy_timeout first: switching a fresh file to WAL needs a lock another process may hold.
        statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
        statement.execute("PRAGMA foreign_keys = ON");
      }
      return new SqliteDatabase(absolute, connection);
    } catch (SQLException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw translate("opening database file " + absolute, e);
    }
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} on a consistent snapshot, without taking the file's write lock. */
  <T> T read(SqlWork<T> work) {
    return inTransaction("BEGIN DEFERRED", work);
  }

  /**
   * Runs {@code work} atomically with the file's write lock held from the start, so that what it
   * reads cannot change before it writes; any exception rolls everything back.
   */
  <T> T transaction(SqlWork<T> work) {
    return inTransaction("BEGIN IMMEDIATE", work);
  }

  /** {@link #transaction} for work that returns nothing. */
  void update(SqlAction action) {
    transaction(
        connection -> {
          action.run(connection);
          return null;
        });
  }

  /** Whether the file answers a trivial query; never throws. */
  boolean healthy() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      try (Statement statement = connection.createStatement()) {
        return statement.executeQuery("SELECT 1").next();
      }
    } catch (SQLException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw translate("closing database file " + file, e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T inTransaction(String begin, SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new UnavailableException("database file " + file + " is closed");
      }
      execute(begin);
      try {
        T result = work.run(connection);
        execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackAfter(e);
        throw e;
      }
    } catch (SQLException e) {
      throw translate("database file " + file, e);
    } finally {
      lock.unlock();
    }
  }

  // SQLite may already have rolled back on its own (after SQLITE_FULL, for one); then ROLLBACK fails
  // and that second failure is kept only as a note on the first.
  private void rollbackAfter(Throwable failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Turns a JDBC failure into the port exception that says whether trying again may help. */
  static PortException translate(String context, SQLException e) {
    int primary = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xFF : -1;
    String message = context + ": " + e.getMessage();
    return switch (primary) {
      case 5, 6 -> new UnavailableException(
          message + " (another connection held the file's lock for over " + BUSY_TIMEOUT_MS + " ms)", e);
      case 10, 13, 14, 15 -> new UnavailableException(message, e);
      default -> new PortException(message, e);
    };
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface SqlAction {
    void run(Connection connection) throws SQLException;
  }
}
