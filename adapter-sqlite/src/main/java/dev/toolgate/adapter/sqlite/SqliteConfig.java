package dev.toolgate.adapter.sqlite;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the SQLite adapter keeps its state.
 *
 * <p>The apps derive the file from their data directory setting ({@code TOOLGATE_DATA_DIR}, default
 * {@code ./data}) as {@code <data dir>/toolgate.db}. The file and its parent directories are created
 * when the stores are opened; SQLite keeps two companion files next to it in WAL mode
 * ({@code -wal} and {@code -shm}), which belong to the same database.
 *
 * @param databaseFile the SQLite database file; not null
 */
public record SqliteConfig(Path databaseFile) {
  public SqliteConfig {
    Objects.requireNonNull(databaseFile, "databaseFile");
    if (databaseFile.getFileName() == null) {
      throw new IllegalArgumentException(
          "SQLite database file '" + databaseFile + "' must name a file, not a root directory");
    }
  }
}
