package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteDatabaseTest {
  @Test
  void translatesBusyLockedAndIoErrorsToRetryableUnavailable() {
    for (SQLiteErrorCode code :
        new SQLiteErrorCode[] {
          SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT, SQLiteErrorCode.SQLITE_LOCKED,
          SQLiteErrorCode.SQLITE_IOERR_WRITE, SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_CANTOPEN
        }) {
      PortException translated = SqliteDatabase.translate("ctx", new SQLiteException("boom", code));

      assertThat(translated).as("%s", code).isInstanceOf(UnavailableException.class);
      assertThat(translated.retryable()).isTrue();
      assertThat(translated).hasMessageStartingWith("ctx: boom");
    }
  }

  @Test
  void translatesOtherFailuresToNonRetryablePortException() {
    for (SQLException e :
        new SQLException[] {
          new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL),
          new SQLiteException("corrupt", SQLiteErrorCode.SQLITE_CORRUPT),
          new SQLException("plain")
        }) {
      PortException translated = SqliteDatabase.translate("ctx", e);

      assertThat(translated).isExactlyInstanceOf(PortException.class).hasCause(e);
      assertThat(translated.retryable()).isFalse();
    }
  }
}
