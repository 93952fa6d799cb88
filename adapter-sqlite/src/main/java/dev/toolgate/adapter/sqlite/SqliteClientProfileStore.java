package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.auth.MarketingBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Client profiles in table {@code client_profiles}. */
final class SqliteClientProfileStore implements ClientProfileStore {
  private static final String COLUMNS =
      "client_key, display_name, time_zone, allow_tools, deny_tools, rate_limit, marketing_backend,"
          + " default_model";

  private final SqliteDatabase database;

  SqliteClientProfileStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void upsert(ClientProfile profile) {
    Objects.requireNonNull(profile, "profile");
    database.update(connection -> upsert(connection, profile));
  }

  static void upsert(Connection connection, ClientProfile profile) throws SQLException {
    Sql.update(
        connection,
        "INSERT INTO client_profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (client_key) DO UPDATE SET display_name = excluded.display_name,"
            + " time_zone = excluded.time_zone, allow_tools = excluded.allow_tools,"
            + " deny_tools = excluded.deny_tools, rate_limit = excluded.rate_limit,"
            + " marketing_backend = excluded.marketing_backend, default_model = excluded.default_model",
        profile.clientKey(),
        profile.displayName(),
        profile.timeZone().getId(),
        Sql.stringSet(profile.allowTools()),
        Sql.stringSet(profile.denyTools()),
        Sql.rateLimit(profile.rateLimit()),
        profile.marketingBackend().wireName(),
        profile.defaultModel());
  }

  @Override
  public Optional<ClientProfile> find(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT " + COLUMNS + " FROM client_profiles WHERE client_key = ?",
                SqliteClientProfileStore::profile,
                clientKey));
  }

  @Override
  public List<ClientProfile> list() {
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + COLUMNS + " FROM client_profiles ORDER BY client_key",
                SqliteClientProfileStore::profile));
  }

  private static ClientProfile profile(ResultSet row) throws SQLException {
    return new ClientProfile(
        row.getString("client_key"),
        row.getString("display_name"),
        ZoneId.of(row.getString("time_zone")),
        Sql.stringSet(row, "allow_tools"),
        Sql.stringSet(row, "deny_tools"),
        Sql.rateLimit(row, "rate_limit"),
        MarketingBackend.parse(row.getString("marketing_backend")),
        row.getString("default_model"));
  }
}
