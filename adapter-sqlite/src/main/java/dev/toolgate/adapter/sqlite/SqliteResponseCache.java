package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.ResponseCache;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The response cache in table {@code response_cache}; expired rows are skipped until purged. */
final class SqliteResponseCache implements ResponseCache {
  private final SqliteDatabase database;

  SqliteResponseCache(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public Optional<CachedResponse> get(String key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT cache_key, value, stored_at, expires_at FROM response_cache"
                    + " WHERE cache_key = ? AND expires_at > ?",
                row ->
                    new CachedResponse(
                        row.getString("cache_key"),
                        Sql.json(row, "value"),
                        Sql.instant(row, "stored_at"),
                        Sql.instant(row, "expires_at")),
                key,
                Sql.millis(now)));
  }

  @Override
  public void put(CachedResponse response) {
    Objects.requireNonNull(response, "response");
    database.update(
        connection ->
            Sql.update(
                connection,
                "INSERT INTO response_cache (cache_key, value, stored_at, expires_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value,"
                    + " stored_at = excluded.stored_at, expires_at = excluded.expires_at",
                response.key(),
                Sql.json(response.value()),
                Sql.millis(response.storedAt()),
                Sql.millis(response.expiresAt())));
  }

  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return database.transaction(
        connection -> Sql.update(connection, "DELETE FROM response_cache WHERE expires_at <= ?", Sql.millis(now)));
  }
}
