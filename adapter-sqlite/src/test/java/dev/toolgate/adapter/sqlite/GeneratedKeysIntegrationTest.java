package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's connections skip sqlite-jdbc's generated-keys lookup, which nothing here reads. */
class GeneratedKeysIntegrationTest {
  @TempDir Path directory;

  @Test
  void writerConnectionDoesNotLookUpGeneratedKeys() throws SQLException {
    Path file = directory.resolve("toolgate.db");
    try (SqliteDatabase database = SqliteDatabase.open(file)) {
      database.update(connection -> execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
      boolean keys = database.transaction(GeneratedKeysIntegrationTest::insertAndReadKeys);
      assertThat(keys).isFalse();
    }
    // The driver's default, for contrast: the same insert on a plain connection reports its key.
    try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(insertAndReadKeys(plain)).isTrue();
    }
  }

  private static boolean insertAndReadKeys(Connection connection) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (v) VALUES ('x')")) {
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        return keys != null && keys.next();
      }
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
