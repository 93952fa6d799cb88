package dev.toolgate.adapter.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.IdempotencyRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.IdempotencyStore;
import dev.toolgate.ports.state.Reservation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency records in table {@code idempotency_records}. A reservation reads and writes inside one
 * write transaction, so of any number of callers, in this process or another, exactly one wins.
 */
final class SqliteIdempotencyStore implements IdempotencyStore {
  private static final String SCOPE = "key_id = ? AND tool = ? AND idempotency_key = ?";

  private final SqliteDatabase database;

  SqliteIdempotencyStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public Reservation reserve(
      IdempotencyScope scope,
      String fingerprint,
      String requestId,
      Instant now,
      Instant lockedUntil,
      Instant expiresAt) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    Objects.requireNonNull(expiresAt, "expiresAt");
    return database.transaction(
        connection -> {
          Optional<IdempotencyRecord> existing = stored(connection, scope);
          if (existing.isPresent() && existing.get().liveAt(now)) {
            return new Reservation.Existing(existing.get());
          }
          Sql.update(
              connection,
              "INSERT INTO idempotency_records (key_id, tool, idempotency_key, fingerprint, request_id, outcome,"
                  + " created_at, locked_until, expires_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)"
                  + " ON CONFLICT (key_id, tool, idempotency_key) DO UPDATE SET"
                  + " fingerprint = excluded.fingerprint, request_id = excluded.request_id, outcome = NULL,"
                  + " created_at = excluded.created_at, locked_until = excluded.locked_until,"
                  + " expires_at = excluded.expires_at",
              scope.keyId(),
              scope.tool(),
              scope.idempotencyKey(),
              fingerprint,
              requestId,
              Sql.millis(now),
              Sql.millis(lockedUntil),
              Sql.millis(expiresAt));
          return existing.isPresent() && existing.get().abandonedAt(now)
              ? new Reservation.Abandoned(existing.get())
              : new Reservation.Reserved();
        });
  }

  @Override
  public void complete(IdempotencyScope scope, JsonNode outcome) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(outcome, "outcome");
    database.update(
        connection -> {
          if (Sql.update(
                  connection,
                  "UPDATE idempotency_records SET outcome = ? WHERE " + SCOPE,
                  Sql.json(outcome),
                  scope.keyId(),
                  scope.tool(),
                  scope.idempotencyKey())
              == 0) {
            throw new NotFoundException("no idempotency record for " + scope);
          }
        });
  }

  @Override
  public void release(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    database.update(
        connection ->
            Sql.update(
                connection,
                "DELETE FROM idempotency_records WHERE " + SCOPE + " AND outcome IS NULL",
                scope.keyId(),
                scope.tool(),
                scope.idempotencyKey()));
  }

  @Override
  public boolean forget(IdempotencyScope scope) {
    Objects.requireNonNull(scope, "scope");
    return database.transaction(
            connection ->
                Sql.update(
                    connection,
                    "DELETE FROM idempotency_records WHERE " + SCOPE,
                    scope.keyId(),
                    scope.tool(),
                    scope.idempotencyKey()))
        > 0;
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyScope scope, Instant now) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(now, "now");
    return database
        .read(connection -> stored(connection, scope))
        .filter(record -> record.liveAt(now));
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return database.transaction(
        connection ->
            Sql.update(connection, "DELETE FROM idempotency_records WHERE expires_at <= ?", Sql.millis(now)));
  }


  private static Optional<IdempotencyRecord> stored(Connection connection, IdempotencyScope scope)
      throws SQLException {
    return Sql.queryOne(
        connection,
        "SELECT fingerprint, request_id, outcome, created_at, locked_until, expires_at FROM idempotency_records WHERE "
            + SCOPE,
        row -> record(scope, row),
        scope.keyId(),
        scope.tool(),
        scope.idempotencyKey());
  }

  private static IdempotencyRecord record(IdempotencyScope scope, ResultSet row) throws SQLException {
    return new IdempotencyRecord(
        scope,
        row.getString("fingerprint"),
        row.getString("request_id"),
        Sql.json(row, "outcome"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "locked_until"),
        Sql.instant(row, "expires_at"));
  }
}
