package dev.toolgate.adapter.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.state.ApprovalStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Approvals in table {@code approvals}. Expiry is not written back: a PENDING row past its
 * {@code expires_at} is EXPIRED by {@link Approval#statusAt}, and the queries here apply the same rule.
 */
final class SqliteApprovalStore implements ApprovalStore {
  private static final String COLUMNS =
      "id, requester_key_id, client_key, tool, arguments, fingerprint, policy_version, idempotency_key,"
          + " request_id, status, created_at, expires_at, decided_by, decided_at, reason, outcome";

  private final SqliteDatabase database;

  SqliteApprovalStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void create(Approval approval) {
    Objects.requireNonNull(approval, "approval");
    database.update(
        connection -> {
          int inserted =
              Sql.update(
                  connection,
                  "INSERT INTO approvals (" + COLUMNS + ")"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                  approval.id(),
                  approval.requesterKeyId(),
                  approval.clientKey(),
                  approval.tool(),
                  Sql.json(approval.arguments()),
                  approval.fingerprint(),
                  approval.policyVersion(),
                  approval.idempotencyKey(),
                  approval.requestId(),
                  approval.status().name(),
                  Sql.millis(approval.createdAt()),
                  Sql.millis(approval.expiresAt()),
                  approval.decidedBy(),
                  Sql.millis(approval.decidedAt()),
                  approval.reason(),
                  Sql.json(approval.outcome()));
          if (inserted == 0) {
            throw new ConflictException("an approval with id '" + approval.id() + "' already exists");
          }
        });
  }

  @Override
  public Optional<Approval> find(String id) {
    Objects.requireNonNull(id, "id");
    return database.read(connection -> find(connection, id));
  }

  @Override
  public List<Approval> list(ApprovalStatus status, Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("approval list limit must be at least 1, got " + limit);
    }
    String where;
    Object[] params;
    long at = now.toEpochMilli();
    if (status == null) {
      where = "1 = 1";
      params = new Object[] {limit};
    } else if (status == ApprovalStatus.PENDING) {
      where = "status = 'PENDING' AND expires_at > ?";
      params = new Object[] {at, limit};
    } else if (status == ApprovalStatus.EXPIRED) {
      where = "(status = 'PENDING' AND expires_at <= ?) OR status = 'EXPIRED'";
      params = new Object[] {at, limit};
    } else {
      where = "status = ?";
      params = new Object[] {status.name(), limit};
    }
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + COLUMNS + " FROM approvals WHERE " + where
                    + " ORDER BY created_at DESC, rowid DESC LIMIT ?",
                SqliteApprovalStore::approval,
                params));
  }

  @Override
  public Optional<Approval> decide(
      String id, ApprovalStatus decision, String decidedBy, String reason, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(now, "now");
    if (decision != ApprovalStatus.APPROVED && decision != ApprovalStatus.REJECTED) {
      throw new IllegalArgumentException("an approval can only be decided APPROVED or REJECTED, got " + decision);
    }
    return database.transaction(
        connection -> {
          int decided =
              Sql.update(
                  connection,
                  "UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, reason = ?"
                      + " WHERE id = ? AND status = 'PENDING' AND expires_at > ?",
                  decision.name(),
                  decidedBy,
                  Sql.millis(now),
                  reason,
                  id,
                  Sql.millis(now));
          return decided == 1 ? find(connection, id) : Optional.<Approval>empty();
        });
  }

  @Override
  public int purgeExpired(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return database.transaction(
        connection ->
            Sql.update(
                connection,
                "DELETE FROM approvals WHERE status IN ('PENDING', 'EXPIRED') AND expires_at <= ?",
                Sql.millis(cutoff)));
  }

  @Override
  public void recordOutcome(String id, JsonNode outcome) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
    database.update(
        connection -> {
          if (Sql.update(connection, "UPDATE approvals SET outcome = ? WHERE id = ?", Sql.json(outcome), id)
              == 0) {
            throw new NotFoundException("no approval with id '" + id + "'");
          }
        });
  }

  private static Optional<Approval> find(Connection connection, String id) throws SQLException {
    return Sql.queryOne(
        connection, "SELECT " + COLUMNS + " FROM approvals WHERE id = ?", SqliteApprovalStore::approval, id);
  }

  private static Approval approval(ResultSet row) throws SQLException {
    return new Approval(
        row.getString("id"),
        row.getString("requester_key_id"),
        row.getString("client_key"),
        row.getString("tool"),
        Sql.json(row, "arguments"),
        row.getString("fingerprint"),
        row.getString("policy_version"),
        row.getString("idempotency_key"),
        row.getString("request_id"),
        ApprovalStatus.parse(row.getString("status")),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "expires_at"),
        row.getString("decided_by"),
        Sql.instant(row, "decided_at"),
        row.getString("reason"),
        Sql.json(row, "outcome"));
  }
}
