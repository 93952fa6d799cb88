package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hash-chained audit log in table {@code audit_log}. Rows are stored as they were chained and
 * read back without re-hashing, so an edited row shows up as {@link AuditRecord#hashValid()} false.
 */
final class SqliteAuditLog implements AuditLog {
  private static final String COLUMNS =
      "seq, at, request_id, key_id, client_key, tool, arguments, outcome, code, latency_ms, details,"
          + " prev_hash, hash";

  private final SqliteDatabase database;

  SqliteAuditLog(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    AuditEntry stored = asReadBack(entry);
    return database.transaction(
        connection -> {
          AuditRecord record =
              Sql.queryOne(
                      connection,
                      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                      row -> AuditRecord.chain(row.getLong("seq") + 1, stored, row.getString("hash")))
                  .orElseGet(() -> AuditRecord.chain(1, stored, AuditRecord.GENESIS));
          Sql.update(
              connection,
              "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              record.seq(),
              Sql.millis(stored.at()),
              stored.requestId(),
              stored.keyId(),
              stored.clientKey(),
              stored.tool(),
              Sql.json(stored.arguments()),
              stored.outcome(),
              stored.code(),
              stored.latencyMs(),
              Sql.json(stored.details()),
              record.prevHash(),
              record.hash());
          return record;
        });
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder where = new StringBuilder("1 = 1");
    List<Object> params = new ArrayList<>();
    filter(where, params, "seq > ?", query.afterSeq());
    filter(where, params, "tool = ?", query.tool());
    filter(where, params, "key_id = ?", query.keyId());
    filter(where, params, "client_key = ?", query.clientKey());
    filter(where, params, "outcome = ?", query.outcome());
    filter(where, params, "at >= ?", Sql.millis(query.since()));
    filter(where, params, "at < ?", Sql.millis(query.until()));
    params.add(query.limit());
    String sql =
        "SELECT " + COLUMNS + " FROM audit_log WHERE " + where
            + " ORDER BY seq " + (query.newestFirst() ? "DESC" : "ASC") + " LIMIT ?";
    return database.read(connection -> Sql.query(connection, sql, SqliteAuditLog::record, params.toArray()));
  }

  @Override
  public Optional<AuditRecord> last() {
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1",
                SqliteAuditLog::record));
  }

  private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
    if (value != null) {
      where.append(" AND ").append(condition);
      params.add(value);
    }
  }

  /**
   * The entry as it will read back from its JSON text. JSON text does not keep every number's Java
   * type (a {@code BigDecimal} 1.10 reads back as the double 1.1), and the hash must be computed over
   * what later readers will see, or an untouched record would fail verification.
   */
  private static AuditEntry asReadBack(AuditEntry entry) {
    var arguments = Json.parse(Json.write(entry.arguments()));
    var details = Json.parse(Json.write(entry.details()));
    if (Json.canonical(arguments).equals(Json.canonical(entry.arguments()))
        && Json.canonical(details).equals(Json.canonical(entry.details()))) {
      return entry;
    }
    return new AuditEntry(
        entry.at(),
        entry.requestId(),
        entry.keyId(),
        entry.clientKey(),
        entry.tool(),
        arguments,
        entry.outcome(),
        entry.code(),
        entry.latencyMs(),
        details);
  }

  private static AuditRecord record(ResultSet row) throws SQLException {
    AuditEntry entry =
        new AuditEntry(
            Sql.instant(row, "at"),
            row.getString("request_id"),
            row.getString("key_id"),
            row.getString("client_key"),
            row.getString("tool"),
            Sql.json(row, "arguments"),
            row.getString("outcome"),
            row.getString("code"),
            row.getLong("latency_ms"),
            Sql.json(row, "details"));
    return new AuditRecord(row.getLong("seq"), entry, row.getString("prev_hash"), row.getString("hash"));
  }
}
