package dev.toolgate.adapter.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/**
 * One database file in a test directory and the {@link SqliteStores} currently open on it; reopening
 * closes them and opens new ones on the same file, as a restarted process would.
 */
final class StoresOnFile implements AutoCloseable {
  private final SqliteConfig config;
  private final Clock clock;
  private SqliteStores current;
  private SqliteStores sibling;

  StoresOnFile(Path directory, Clock clock) {
    this.config = new SqliteConfig(directory.resolve("data").resolve("toolgate.db"));
    this.clock = clock;
  }

  SqliteConfig config() {
    return config;
  }

  SqliteStores open() {
    current = SqliteStores.open(config, clock);
    return current;
  }

  /** A second instance on the same storage, open next to the current one (another process); closed with this. */
  SqliteStores sibling() {
    if (sibling == null) {
      sibling = SqliteStores.open(config, clock);
    }
    return sibling;
  }

  SqliteStores reopen() {
    current.close();
    return open();
  }

  /** A plain JDBC connection to the same file, standing in for someone editing it by hand. */
  Connection plainConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + config.databaseFile());
  }

  /** Removes what {@link SqliteStores#open} seeds into client profiles, for suites that start empty. */
  void deleteSeededClients() throws SQLException {
    try (Connection connection = plainConnection()) {
      connection.createStatement().executeUpdate("DELETE FROM client_profiles");
    }
  }

  @Override
  public void close() {
    if (sibling != null) {
      sibling.close();
    }
    if (current != null) {
      current.close();
    }
  }
}
