package dev.toolgate.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection and reused, so a hot statement (an audit insert, a cache
 * lookup) is compiled by SQLite once per connection instead of once per call. Only the connections
 * {@link SqliteDatabase} opens are registered; any other connection gets fresh statements as before.
 *
 * <p>A connection is used by one thread at a time (the writer thread, or the thread that borrowed a
 * reader), and its statements with it, so the per-connection map needs no lock. A statement is taken
 * out of the map while in use: a query run inside another query's row mapping with the same SQL gets
 * a second statement instead of resetting the first.
 */
final class StatementCache {
  /** Distinct SQL texts kept per connection; the least recently used beyond it are closed. */
  static final int PER_CONNECTION = 64;

  private static final Map<Connection, StatementCache> CACHES = new ConcurrentHashMap<>();

  private final Map<String, PreparedStatement> idle =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() > PER_CONNECTION) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };

  private StatementCache() {}

  /** Starts keeping statements of {@code connection}. */
  static void register(Connection connection) {
    CACHES.put(connection, new StatementCache());
  }

  /** Closes the statements kept for {@code connection}; call before closing it. */
  static void forget(Connection connection) {
    StatementCache cache = CACHES.remove(connection);
    if (cache != null) {
      cache.idle.values().forEach(StatementCache::closeQuietly);
      cache.idle.clear();
    }
  }

  /** A statement for {@code sql}: a kept one when there is one, otherwise a new one. Hand it back with {@link #release}. */
  static PreparedStatement take(Connection connection, String sql) throws SQLException {
    StatementCache cache = CACHES.get(connection);
    PreparedStatement kept = cache == null ? null : cache.idle.remove(sql);
    return kept != null ? kept : connection.prepareStatement(sql);
  }

  /** Keeps {@code statement} for the next use of {@code sql} on a registered connection; closes it otherwise. */
  static void release(Connection connection, String sql, PreparedStatement statement) {
    StatementCache cache = CACHES.get(connection);
    if (cache == null) {
      closeQuietly(statement);
      return;
    }
    try {
      statement.clearParameters();
    } catch (SQLException e) {
      closeQuietly(statement);
      return;
    }
    PreparedStatement previous = cache.idle.put(sql, statement);
    if (previous != null && previous != statement) {
      closeQuietly(previous);
    }
  }

  /** Closes a statement that must not be reused (its run failed). */
  static void discard(PreparedStatement statement) {
    closeQuietly(statement);
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // A statement that cannot be closed is finalized with its connection.
    }
  }
}
