package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
  private static final String SQL = "SELECT ? AS v";

  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
  }

  @AfterEach
  void close() throws SQLException {
    StatementCache.forget(connection);
    connection.close();
  }

  @Test
  void aRegisteredConnectionReusesItsStatementForTheSameSql() throws SQLException {
    StatementCache.register(connection);

    PreparedStatement first = StatementCache.take(connection, SQL);
    StatementCache.release(connection, SQL, first);
    PreparedStatement second = StatementCache.take(connection, SQL);

    assertThat(second).isSameAs(first);
    assertThat(second.isClosed()).isFalse();
  }

  @Test
  void aStatementInUseIsNotHandedOutTwice() throws SQLException {
    StatementCache.register(connection);

    PreparedStatement outer = StatementCache.take(connection, SQL);
    PreparedStatement inner = StatementCache.take(connection, SQL);

    assertThat(inner).isNotSameAs(outer);
  }

  @Test
  void reusedStatementsStillAnswerWithTheirNewParameters() throws SQLException {
    StatementCache.register(connection);

    List<String> values = List.of("a", "b", "c");
    for (String value : values) {
      assertThat(Sql.queryOne(connection, SQL, row -> row.getString("v"), value)).contains(value);
    }
  }

  @Test
  void anUnregisteredConnectionsStatementIsClosedOnRelease() throws SQLException {
    PreparedStatement statement = StatementCache.take(connection, SQL);

    StatementCache.release(connection, SQL, statement);

    assertThat(statement.isClosed()).isTrue();
  }

  @Test
  void forgettingAConnectionClosesWhatItKept() throws SQLException {
    StatementCache.register(connection);
    PreparedStatement statement = StatementCache.take(connection, SQL);
    StatementCache.release(connection, SQL, statement);

    StatementCache.forget(connection);

    assertThat(statement.isClosed()).isTrue();
  }
}
