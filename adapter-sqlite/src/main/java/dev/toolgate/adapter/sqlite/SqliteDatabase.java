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
 *
 * <p>Checkpoints (copying the log back into the file, with its fsyncs) run on a {@link WalCheckpointer}
 * thread with a connection of its own, never inside the writer's commits.
 */
final class SqliteDatabase implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 5000;
  /** Read-only connections; reads are short, so a few serve many request threads. */
  static final int READERS = 4;
  /**
   * What SQLite truncates the {@code -wal} file to when it starts the log over; without a limit the
   * file keeps its largest size forever.
   */
  static final long WAL_SIZE_LIMIT_BYTES = 4L * 1024 * 1024;

  /** The three jobs a connection of this class does; each is set up for its job. */
  private enum Role {
    WRITER,
    READER,
    CHECKPOINTER
  }

  private final Path file;
  private final GroupCommitWriter writer;
  private final ReaderPool readers;
  private final WalCheckpointer checkpointer;

  private SqliteDatabase(Path file, GroupCommitWriter writer, ReaderPool readers, WalCheckpointer checkpointer) {
    this.file = file;
    this.writer = writer;
    this.readers = readers;
    this.checkpointer = checkpointer;
  }

  static SqliteDatabase open(Path file) {
    return open(file, WalCheckpointer.INTERVAL_MS, WalCheckpointer.CEILING_PAGES);
  }

  /** {@link #open(Path)} with checkpoints every {@code checkpointIntervalMs} and a log ceiling of {@code walCeilingPages} (for tests). */
  static SqliteDatabase open(Path file, long checkpointIntervalMs, int walCeilingPages) {
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
      Connection checkpointConnection = connect(absolute, Role.CHECKPOINTER);
      opened.add(checkpointConnection);
      ReaderPool readers = new ReaderPool(absolute, readerConnections);
      GroupCommitWriter writer = new GroupCommitWriter(absolute, writerConnection, readers);
      return new SqliteDatabase(
          absolute,
          writer,
          readers,
          new WalCheckpointer(absolute, checkpointConnection, writer, checkpointIntervalMs, walCeilingPages));
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
        case WRITER -> {
          // The checkpointer thread checkpoints; a commit never does.
          statement.execute("PRAGMA wal_autocheckpoint = 0");
          statement.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
        }
        // A read that tried to write would be a bug here; SQLite refuses it instead of taking the write lock.
        case READER -> statement.execute("PRAGMA query_only = ON");
        case CHECKPOINTER -> {
          // A truncating checkpoint holds the write lock while it waits: never keep the writer waiting long.
          statement.execute("PRAGMA busy_timeout = " + WalCheckpointer.BUSY_TIMEOUT_MS);
          statement.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
        }
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
   * How many transactions or savepoints the writer has rolled back; read on the writer thread, it
   * tells whether anything kept from an earlier write may have been undone since.
   */
  long writerRollbacks() {
    return writer.rollbacks();
  }

  /** The writer (tests read its counters). */
  GroupCommitWriter writer() {
    return writer;
  }

  /** The thread that checkpoints the log (tests read its counters). */
  WalCheckpointer checkpointer() {
    return checkpointer;
  }

  /**
   * Commits what is queued, then closes every connection; idempotent. The last connection to the
   * file that closes copies the log back into it and deletes it.
   */
  @Override
  public void close() {
    try {
      checkpointer.close();
    } finally {
      try {
        writer.close();
      } finally {
        readers.close();
      }
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
