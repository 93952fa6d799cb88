package dev.toolgate.adapter.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import dev.toolgate.ports.auth.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API keys in table {@code api_keys}; only the secret's hash is ever stored. */
final class SqliteApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS =
      "id, name, secret_hash, roles, client_key, allow_tools, deny_tools, rate_limit, created_at, revoked_at";

  private final SqliteDatabase database;

  SqliteApiKeyStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void create(ApiKey key) {
    Objects.requireNonNull(key, "key");
    database.update(
        connection -> {
          int inserted =
              Sql.update(
                  connection,
                  "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO NOTHING",
                  key.id(),
                  key.name(),
                  key.secretHash(),
                  Sql.stringSet(key.roles().stream().map(Role::wireName).collect(Collectors.toSet())),
                  key.clientKey(),
                  Sql.stringSet(key.allowTools()),
                  Sql.stringSet(key.denyTools()),
                  Sql.rateLimit(key.rateLimit()),
                  Sql.millis(key.createdAt()),
                  Sql.millis(key.revokedAt()));
          if (inserted == 0) {
            throw new ConflictException("an API key with id '" + key.id() + "' already exists");
          }
        });
  }

  @Override
  public Optional<ApiKey> find(String id) {
    Objects.requireNonNull(id, "id");
    return database.read(
        connection ->
            Sql.queryOne(
                connection, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", SqliteApiKeyStore::key, id));
  }

  @Override
  public List<ApiKey> list() {
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id",
                SqliteApiKeyStore::key));
  }

  @Override
  public boolean revoke(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return database.transaction(
        connection -> {
          if (Sql.update(
                  connection,
                  "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                  Sql.millis(at),
                  id)
              == 1) {
            return true;
          }
          if (Sql.queryOne(connection, "SELECT 1 FROM api_keys WHERE id = ?", row -> 1, id).isEmpty()) {
            throw new NotFoundException("no API key with id '" + id + "'");
          }
          return false;
        });
  }

  private static ApiKey key(ResultSet row) throws SQLException {
    return new ApiKey(
        row.getString("id"),
        row.getString("name"),
        row.getString("secret_hash"),
        roles(Json.parse(row.getString("roles"))),
        row.getString("client_key"),
        Sql.stringSet(row, "allow_tools"),
        Sql.stringSet(row, "deny_tools"),
        Sql.rateLimit(row, "rate_limit"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "revoked_at"));
  }

  private static Set<Role> roles(JsonNode names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    names.forEach(name -> roles.add(Role.parse(name.asText())));
    return roles;
  }
}
