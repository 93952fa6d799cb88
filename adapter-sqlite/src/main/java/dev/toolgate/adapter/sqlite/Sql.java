package dev.toolgate.adapter.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Small JDBC helpers shared by the stores, and the column formats of the schema. */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    return run(connection, sql, params, statement -> {
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapRow(mapper, rows, sql));
        }
        return result;
      }
    });
  }

  static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    return run(connection, sql, params, statement -> {
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(mapRow(mapper, rows, sql)) : Optional.empty();
      }
    });
  }

  static int update(Connection connection, String sql, Object... params) throws SQLException {
    return run(connection, sql, params, PreparedStatement::executeUpdate);
  }

  @FunctionalInterface
  private interface StatementWork<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  // A statement goes back to the cache only after a clean run; after a failure it is closed, so that
  // no half-stepped statement is ever reused.
  private static <T> T run(Connection connection, String sql, Object[] params, StatementWork<T> work)
      throws SQLException {
    PreparedStatement statement = prepare(connection, sql, params);
    boolean clean = false;
    try {
      T result = work.run(statement);
      clean = true;
      return result;
    } finally {
      if (clean) {
        StatementCache.release(connection, sql, statement);
      } else {
        StatementCache.discard(statement);
      }
    }
  }

  /** A statement for {@code sql} with {@code params} bound, from the connection's cache when it has one. */
  private static PreparedStatement prepare(Connection connection, String sql, Object... params)
      throws SQLException {
    PreparedStatement statement = StatementCache.take(connection, sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      StatementCache.discard(statement);
      throw e;
    }
  }

  // A row this code cannot read was written by something else (or edited by hand): a store failure,
  // not an argument error of the caller.
  private static <T> T mapRow(RowMapper<T> mapper, ResultSet rows, String sql) throws SQLException {
    try {
      return mapper.map(rows);
    } catch (PortException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PortException("unreadable row for query [" + sql + "]: " + e.getMessage(), e);
    }
  }

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  static String json(JsonNode node) {
    return node == null ? null : Json.write(node);
  }

  static JsonNode json(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : Json.parse(text);
  }

  /** A set as a JSON array, sorted so that equal sets are stored as equal text. */
  static String stringSet(Collection<String> values) {
    ArrayNode array = Json.mapper().createArrayNode();
    new TreeSet<>(values).forEach(array::add);
    return Json.write(array);
  }

  static Set<String> stringSet(ResultSet row, String column) throws SQLException {
    JsonNode array = Json.parse(row.getString(column));
    if (!array.isArray()) {
      throw new PortException("column " + column + " holds " + array + ", not a JSON array");
    }
    Set<String> values = new LinkedHashSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  static String rateLimit(RateLimitSpec spec) {
    return spec == null ? null : spec.toString();
  }

  /**
   * Reads {@link RateLimitSpec#toString()}. {@link RateLimitSpec#parse} reads only whole seconds,
   * minutes and hours, while {@code toString} writes any other period in ISO-8601 ({@code 5/PT30S});
   * such values are read here so that every spec survives a round trip.
   */
  static RateLimitSpec rateLimit(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash > 0 && text.regionMatches(true, slash + 1, "P", 0, 1)) {
      return new RateLimitSpec(
          Integer.parseInt(text.substring(0, slash)), Duration.parse(text.substring(slash + 1)));
    }
    return RateLimitSpec.parse(text);
  }
}
