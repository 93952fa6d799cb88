package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageRow;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written by an older Toolgate is brought up to date without losing or misreading its rows. */
class SchemaUpgradeIntegrationTest {
  @TempDir Path directory;

  @Test
  void opensAnUpToDateSeededFileWithoutAWriteTransaction() {
    Path file = directory.resolve("current.db");
    SqliteStores.open(new SqliteConfig(file)).close();

    SqliteDatabase database = SqliteDatabase.open(file);
    try {
      SchemaMigrations.apply(database);
      DemoData.seed(database);
      assertThat(database.commits()).as("a CLI command's open waits for no writer").isZero();
    } finally {
      database.close();
    }
  }

  @Test
  void refusesAFileWrittenByANewerSchema() throws Exception {
    Path file = directory.resolve("newer.db");
    SqliteStores.open(new SqliteConfig(file)).close();
    try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO schema_version (version, description, applied_at) VALUES ("
              + (SchemaMigrations.latestVersion() + 1) + ", 'from the future', 0)");
    }

    assertThatThrownBy(() -> SqliteStores.open(new SqliteConfig(file)))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("has schema version " + (SchemaMigrations.latestVersion() + 1))
        .hasMessageContaining("supports versions up to " + SchemaMigrations.latestVersion());
  }

  @Test
  void upgradesVersionOneFileAndGivesOnlyTheSeededDemoClientTheSampleBackend() throws Exception {
    StoresOnFile file = new StoresOnFile(directory, Clock.systemUTC());
    Files.createDirectories(file.config().databaseFile().getParent());
    try (Connection connection = file.plainConnection(); Statement statement = connection.createStatement()) {
      for (String sql : SchemaMigrations.statements(resource("V1__init.sql"))) {
        statement.execute(sql);
      }
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      statement.execute("INSERT INTO schema_version VALUES (1, 'init', 0)");
      statement.execute(
          "INSERT INTO client_profiles VALUES ('demo', 'Demo Client', 'UTC', '[]', '[]', NULL),"
              + " ('acme', 'Acme', 'Europe/Berlin', '[]', '[\"send_message\"]', '200/minute')");
    }

    try (file) {
      SqliteStores stores = file.open();

      assertThat(stores.clientProfiles().find("demo"))
          .map(ClientProfile::marketingBackend)
          .contains(MarketingBackend.SAMPLE);
      ClientProfile acme = stores.clientProfiles().find("acme").orElseThrow();
      assertThat(acme.marketingBackend()).isEqualTo(MarketingBackend.NONE);
      assertThat(acme.denyTools()).containsExactly("send_message");
      assertThat(stores.chatSessions().findSession("ses_1")).isEmpty();
      assertThat(stores.secrets().names("acme")).isEmpty();
    }
  }

  @Test
  void keepsUnsplitTokenRowsReadableAndSplitsNewOnes() throws Exception {
    StoresOnFile file = new StoresOnFile(directory, Clock.systemUTC());
    Files.createDirectories(file.config().databaseFile().getParent());
    try (Connection connection = file.plainConnection(); Statement statement = connection.createStatement()) {
      for (String sql : SchemaMigrations.statements(resource("V1__init.sql"))) {
        statement.execute(sql);
      }
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      statement.execute("INSERT INTO schema_version VALUES (1, 'init', 0)");
      statement.execute(
          "INSERT INTO usage_counters VALUES ('2026-03-02', 'acme', 'llm:openai/gpt-4o-mini', 2, 0, 900, 500, '0.002')");
    }
    LocalDate day = LocalDate.parse("2026-03-02");

    try (file) {
      SqliteStores stores = file.open();
      stores.usage().record(
          new UsageEvent(day, "acme", "llm:openai/gpt-4o-mini", false, 100, 120, 30, new BigDecimal("0.001")));

      UsageRow row = stores.usage().query(day, day, "acme").get(0);
      assertThat(row.calls()).isEqualTo(3);
      // The 500 tokens counted before the split stay unsplit; only the new call is in and out.
      assertThat(row.tokensIn()).isEqualTo(120);
      assertThat(row.tokensOut()).isEqualTo(30);
      assertThat(row.costUsd()).isEqualByComparingTo("0.003");
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
