package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteException;

/**
 * One SQLite file in WAL mode: one writer connection behind a {@link GroupCommitWriter} and a
 * {@link ReaderPool} of read-only connections. Reads never wait for writes; writes from many threads
 * share commits. Other processes on the same file are kept out of our writes by
 * {@code BEGIN IMMEDIATE}, which waits up to the busy timeout for their write to finish.
 *
 * <p>Durability: {@code synchronous=NORMAL}. In WAL mode a commit then appends to the log without
 * syncing it; the sync happens at checkpoints. A write whose caller has returned survives a killed
 * process (the log is in the operating system's cache and is replayed on the next open) — the
 * guarantee Toolgate promises and its kill -9 test checks — but the last commits before a power loss
 * or kernel crash may be lost (never corrupted). {@code FULL} would survive that too, at one fsync
 * per commit: about 7 ms on the disks we measured, which even with group commit caps a writer at a
 * few hundred batches a second. See docs/performance.md.
 */
final class SqliteDatabase implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 5000;
  /** Read-only connections; reads are short, so a few serve many request threads. */
  static final int READERS = 4;
  /**
   * What SQLite truncates the {@code -wal} file to when it starts the log over (after a checkpoint,
   * which the writer runs inside a commit every 1000 log pages); without a limit the file keeps its
   * largest size forever.
   */
  static final long WAL_SIZE_LIMIT_BYTES = 4L * 1024 * 1024;

  /** The two jobs a connection of this class does; each is set up for its job. */
  private enum Role {
    WRITER,
    READER
  }

  private final Path file;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;

  private SqliteDatabase(Path file, GroupCommitWriter writer, ReaderPool readers) {
    this.file = file;
    this.writer = writer;
    this.readers = readers;
  }

  static SqliteDatabase open(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UnavailableException("cannot create the directory of database file " + absolute + ": " + e, e);
    }
    List<Connection> opened = new ArrayList<>();
    try {
      // The writer first: it switches a fresh file to WAL, which the readers then find.
      Connection writerConnection = connect(absolute, Role.WRITER);
      opened.add(writerConnection);
      List<Connection> readerConnections = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        Connection reader = connect(absolute, Role.READER);
        opened.add(reader);
        readerConnections.add(reader);
      }
      return new SqliteDatabase(
          absolute, new GroupCommitWriter(absolute, writerConnection), new ReaderPool(absolute, readerConnections));
    } catch (SQLException e) {
      for (Connection connection : opened) {
        StatementCache.forget(connection);
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw translate("opening database file " + absolute, e);
    }
  }

  private static Connection connect(Path file, Role role) throws SQLException {
    Properties properties = new Properties();
    // Nothing here reads generated keys; left on, sqlite-jdbc matches every executed statement's SQL
    // against a regular expression to find out whether it could have any.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    try (Statement statement = connection.createStatement()) {
      // busy_timeout first: switching a fresh file to WAL needs a lock another process may hold.
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA synchronous = NORMAL");
      statement.execute("PRAGMA foreign_keys = ON");
      switch (role) {
        // SQLite's own checkpoint, inside the commit that passes 1000 log pages, stays: a checkpointer
        // thread of our own was measured (docs/performance.md) and tripled the writes' p99.
        case WRITER -> statement.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
        // A read that tried to write would be a bug here; SQLite refuses it instead of taking the write lock.
        case READER -> statement.execute("PRAGMA query_only = ON");
      }
      StatementCache.register(connection);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} on a consistent snapshot on a reader connection, never waiting for writes. */
  <T> T read(SqlWork<T> work) {
    return readers.read(work);
  }

  /**
   * Runs {@code work} atomically with the file's write lock held from the start, so that what it
   * reads cannot change before it writes; any exception rolls back its writes (and only its own:
   * other writes of the same group commit still commit). Returns once the commit is durable.
   */
  <T> T transaction(SqlWork<T> work) {
    return writer.write(work);
  }

  /** {@link #transaction} for work that returns nothing. */
  void update(SqlAction action) {
    transaction(
        connection -> {
          action.run(connection);
          return null;
        });
  }

  /** Transactions committed by this process's writer, and the writes they held (batching shows as writes/commits). */
  long commits() {
    return writer.commits();
  }

  long writes() {
    return writer.writes();
  }

  /** Writes waiting for the next group commit (for tests). */
  int queued() {
    return writer.queued();
  }

  /** Whether a reader answers a trivial query and the writer is running; never throws. */
  boolean healthy() {
    return writer.running() && readers.healthy();
  }

  /**
   * Commits what is queued, then closes every connection; idempotent. The last connection to the
   * file that closes copies the log back into it and deletes it.
   */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      readers.close();
    }
  }

  /** Turns a JDBC failure into the port exception that says whether trying again may help. */
  static PortException translate(String context, SQLException e) {
    int primary = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xFF : -1;
    String message = context + ": " + e.getMessage();
    return switch (primary) {
      case 5, 6 -> new UnavailableException(
          message + " (another connection held the file's lock for over " + BUSY_TIMEOUT_MS + " ms)", e);
      case 10, 13, 14, 15 -> new UnavailableException(message, e);
      default -> new PortException(message, e);
    };
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface SqlAction {
    void run(Connection connection) throws SQLException;
  }
}
