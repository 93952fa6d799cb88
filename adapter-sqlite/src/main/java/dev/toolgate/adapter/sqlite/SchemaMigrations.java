package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.PortException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database file up to the schema this code expects. Migrations are SQL resources named
 * {@code V<n>__<description>.sql}, applied in order, each in its own transaction together with its
 * row in {@code schema_version}; so a crash leaves the file at the last complete version, and two
 * processes starting at once apply each migration once.
 */
final class SchemaMigrations {
  /** Every migration, oldest first. A new schema change is a new file added at the end. */
  static final List<String> FILES =
      List.of(
          "V1__init.sql", "V2__chat_and_secrets.sql", "V3__effect_keys.sql", "V4__audit_checkpoint.sql",
          "V5__usage_tokens_in_out.sql", "V6__client_default_model.sql", "V7__chat_recovery_and_export.sql");

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
  private static final String FOLDER = "migrations/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  // Statements end with ';' at the end of a line; no statement in our files spans that boundary.
  private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\R|$)");

  private SchemaMigrations() {}

  /**
   * The version the newest migration brings the schema to: the number of files, since they are
   * numbered from 1 without gaps ({@link #migrations()} refuses anything else, and a test checks it).
   */
  static int latestVersion() {
    return FILES.size();
  }

  /** Applies the missing migrations; fails if the file was written by a newer schema. */
  static void apply(SqliteDatabase database) {
    // The usual open, of a file this version already brought up to date: one read, and neither a write
    // transaction (each would wait for the writer) nor the migration files read and parsed.
    if (database.read(SchemaMigrations::recordedVersion) == latestVersion()) {
      return;
    }
    database.update(
        connection ->
            Sql.update(
                connection,
                "CREATE TABLE IF NOT EXISTS schema_version ("
                    + " version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL,"
                    + " applied_at INTEGER NOT NULL)"));
    int latest = latestVersion();
    int found = database.read(SchemaMigrations::currentVersion);
    if (found > latest) {
      throw new PortException(
          "database file "
              + database.file()
              + " has schema version "
              + found
              + ", but this Toolgate supports versions up to "
              + latest
              + "; run a newer Toolgate on it, or restore a backup made by this version");
    }
    for (Migration migration : migrations()) {
      database.update(
          connection -> {
            // Re-read inside the write transaction: another process may have applied it meanwhile.
            if (currentVersion(connection) >= migration.version()) {
              return;
            }
            for (String statement : migration.statements()) {
              Sql.update(connection, statement);
            }
            Sql.update(
                connection,
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                migration.version(),
                migration.description(),
                Instant.now().toEpochMilli());
            LOG.info(
                "applied schema migration V{} ({}) to {}",
                migration.version(),
                migration.description(),
                database.file());
          });
    }
  }

  /** The schema version recorded in the file, 0 for a file with no {@code schema_version} table yet. */
  private static int recordedVersion(Connection connection) throws SQLException {
    boolean recorded =
        Sql.queryOne(
                connection,
                "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                row -> row.getInt("n") > 0)
            .orElse(false);
    return recorded ? currentVersion(connection) : 0;
  }

  static int currentVersion(Connection connection) throws SQLException {
    return Sql.queryOne(
            connection, "SELECT coalesce(max(version), 0) AS v FROM schema_version", row -> row.getInt("v"))
        .orElse(0);
  }

  private static List<Migration> migrations() {
    List<Migration> result = new ArrayList<>();
    for (String file : FILES) {
      Matcher name = NAME.matcher(file);
      if (!name.matches()) {
        throw new IllegalStateException("migration file '" + file + "' is not named V<n>__<description>.sql");
      }
      int version = Integer.parseInt(name.group(1));
      if (version != result.size() + 1) {
        throw new IllegalStateException(
            "migration file '" + file + "' should be version " + (result.size() + 1));
      }
      result.add(new Migration(version, name.group(2).replace('_', ' '), statements(load(file))));
    }
    return result;
  }

  private static String load(String file) {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("migration resource " + FOLDER + file + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\\R")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : STATEMENT_END.split(withoutComments)) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  private record Migration(int version, String description, List<String> statements) {}
}
