package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.secret.EncryptedSecret;
import dev.toolgate.ports.secret.SecretStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Clients' encrypted secrets in table {@code client_secrets}; the adapter never sees plaintext. */
final class SqliteSecretStore implements SecretStore {
  private final SqliteDatabase database;

  SqliteSecretStore(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void put(EncryptedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    database.update(
        connection ->
            Sql.update(
                connection,
                "INSERT INTO client_secrets (client_key, name, ciphertext, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (client_key, name) DO UPDATE SET ciphertext = excluded.ciphertext,"
                    + " updated_at = excluded.updated_at",
                secret.clientKey(),
                secret.name(),
                secret.ciphertext(),
                Sql.millis(secret.updatedAt())));
  }

  @Override
  public Optional<EncryptedSecret> find(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    return database.read(
        connection ->
            Sql.queryOne(
                connection,
                "SELECT client_key, name, ciphertext, updated_at FROM client_secrets"
                    + " WHERE client_key = ? AND name = ?",
                row ->
                    new EncryptedSecret(
                        row.getString("client_key"),
                        row.getString("name"),
                        row.getString("ciphertext"),
                        Sql.instant(row, "updated_at")),
                clientKey,
                name));
  }

  @Override
  public List<String> names(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT name FROM client_secrets WHERE client_key = ? ORDER BY name",
                row -> row.getString("name"),
                clientKey));
  }

  @Override
  public boolean delete(String clientKey, String name) {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    return database.transaction(
            connection ->
                Sql.update(
                    connection, "DELETE FROM client_secrets WHERE client_key = ? AND name = ?", clientKey, name))
        > 0;
  }
}
