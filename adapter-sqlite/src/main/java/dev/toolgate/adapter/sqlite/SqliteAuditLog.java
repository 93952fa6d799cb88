package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.PreparedAuditEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hash-chained audit log in table {@code audit_log}: one chain, {@link AuditRecord#MAIN_CHAIN},
 * since one writer connection appends every record. Rows are stored as they were chained and read
 * back without re-hashing, so an edited row shows up as {@link AuditRecord#hashValid()} false.
 */
final class SqliteAuditLog implements AuditLog {
  private static final String COLUMNS =
      "seq, at, request_id, key_id, client_key, tool, arguments, outcome, code, latency_ms, details,"
          + " prev_hash, hash";

  /**
   * Records deleted per prune transaction: every write shares the one writer (group commit), so a
   * prune of millions of records goes in slices that let appends in between.
   */
  private static final int PRUNE_SLICE = 5_000;

  private final SqliteDatabase database;

  SqliteAuditLog(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public AuditRecord append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return append(PreparedAuditEntry.of(entry));
  }

  /** Appends on the writer thread: a head lookup, one SHA-256 and the insert. */
  @Override
  public AuditRecord append(PreparedAuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return database.transaction(
        connection -> {
          ChainHead before = head(connection);
          AuditRecord record = entry.chain(before.seq() + 1, before.hash());
          AuditEntry stored = record.entry();
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

  /**
   * The record the next append chains to, read in the writer's transaction: one indexed lookup, and
   * always right whoever appended last (another process on the same file included).
   */
  private static ChainHead head(Connection connection) throws SQLException {
    return Sql.queryOne(
            connection,
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            row -> new ChainHead(row.getLong("seq"), row.getString("hash")))
        .orElseGet(() -> new ChainHead(0, AuditRecord.GENESIS));
  }

  /** A chain's last seq and hash (0 and genesis when empty). */
  private record ChainHead(long seq, String hash) {}

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    if (query.chain() != null && !query.chain().equals(AuditRecord.MAIN_CHAIN)) {
      return List.of();
    }
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

  @Override
  public List<String> chains() {
    boolean any =
        database.read(
            connection ->
                Sql.queryOne(
                        connection,
                        "SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM audit_checkpoint)",
                        row -> true)
                    .isPresent());
    return any ? List.of(AuditRecord.MAIN_CHAIN) : List.of();
  }

  @Override
  public long prune(String chain, Instant before, long throughSeq) {
    Objects.requireNonNull(before, "before");
    if (!AuditRecord.MAIN_CHAIN.equals(chain)) {
      return 0;
    }
    long total = 0;
    while (true) {
      long deleted = database.transaction(connection -> pruneSlice(connection, Sql.millis(before), throughSeq));
      if (deleted == 0) {
        return total;
      }
      total += deleted;
    }
  }

  /**
   * Deletes up to {@link #PRUNE_SLICE} of the oldest records, stopping at the first record at or
   * after {@code before}, after {@code throughSeq} and before the head, and moves the checkpoint to the last one deleted, in
   * one transaction, so no reader sees a gap between the checkpoint and the first kept record.
   */
  private static long pruneSlice(Connection connection, long before, long throughSeq)
      throws SQLException {
    Optional<long[]> range =
        Sql.queryOne(
            connection,
            "SELECT min(seq) AS lo, max(seq) AS hi FROM audit_log HAVING count(*) > 0",
            row -> new long[] {row.getLong("lo"), row.getLong("hi")});
    if (range.isEmpty()) {
      return 0;
    }
    long lo = range.get()[0];
    long hi = range.get()[1];
    long firstNew =
        Sql.queryOne(
                connection,
                "SELECT min(seq) AS s FROM audit_log WHERE at >= ? HAVING count(*) > 0",
                row -> row.getLong("s"),
                before)
            .orElse(hi + 1);
    long end = Math.min(Math.min(Math.min(firstNew, hi) - 1, throughSeq), lo + PRUNE_SLICE - 1);
    if (end < lo) {
      return 0;
    }
    AuditCheckpoint checkpoint =
        Sql.queryOne(
                connection,
                "SELECT seq, hash, at FROM audit_log WHERE seq = ?",
                SqliteAuditLog::checkpoint,
                end)
            .orElseThrow();
    Sql.update(
        connection,
        "INSERT INTO audit_checkpoint (id, seq, hash, at) VALUES (1, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at",
        checkpoint.seq(),
        checkpoint.hash(),
        Sql.millis(checkpoint.at()));
    return Sql.update(connection, "DELETE FROM audit_log WHERE seq <= ?", end);
  }

  @Override
  public Optional<AuditCheckpoint> checkpoint(String chain) {
    if (!AuditRecord.MAIN_CHAIN.equals(chain)) {
      return Optional.empty();
    }
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT seq, hash, at FROM audit_checkpoint WHERE id = 1",
                SqliteAuditLog::checkpoint));
  }

  private static AuditCheckpoint checkpoint(ResultSet row) throws SQLException {
    return new AuditCheckpoint(row.getLong("seq"), row.getString("hash"), Sql.instant(row, "at"));
  }

  private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
    if (value != null) {
      where.append(" AND ").append(condition);
      params.add(value);
    }
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
