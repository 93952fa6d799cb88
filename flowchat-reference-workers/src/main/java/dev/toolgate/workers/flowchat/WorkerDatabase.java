package dev.toolgate.workers.flowchat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite file behind every reference worker. A single connection guarded by a lock: the
 * workers are a demo and test stand-in, and one serialized writer is the simplest way to make
 * "validate, then write" atomic without SQLite busy errors.
 */
final class WorkerDatabase implements AutoCloseable {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  /** Work done while holding the database lock, inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(WorkerDatabase db) throws SQLException;
  }

  WorkerDatabase(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA foreign_keys=ON");
        st.execute("PRAGMA busy_timeout=5000");
      }
      connection.setAutoCommit(false);
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot open the workers' SQLite file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction; commits on return, rolls back on any exception. */
  <T> T transaction(Work<T> work) {
    lock.lock();
    try {
      try {
        T result = work.run(this);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("database error: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  void execute(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args)) {
      ps.executeUpdate();
    }
  }

  /** Rows as ordered maps of column label to value (SQLite's own types: Long, Double, String, null). */
  List<Map<String, Object>> query(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  Map<String, Object> queryOne(String sql, Object... args) throws SQLException {
    List<Map<String, Object>> rows = query(sql, args);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one worth reporting
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing at shutdown: nothing left to protect
    } finally {
      lock.unlock();
    }
  }
}
