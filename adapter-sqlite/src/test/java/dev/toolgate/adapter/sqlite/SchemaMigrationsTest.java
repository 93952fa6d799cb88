package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {
  @Test
  void splitsScriptIntoStatementsWithoutComments() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (
          x TEXT -- trailing words stay with their statement
        );
        CREATE INDEX a_x ON a (x);   \s

        INSERT INTO a VALUES ('keep;inside')
        """;

    assertThat(SchemaMigrations.statements(script))
        .containsExactly(
            "CREATE TABLE a (\n  x TEXT -- trailing words stay with their statement\n)",
            "CREATE INDEX a_x ON a (x)",
            "INSERT INTO a VALUES ('keep;inside')");
  }

  @Test
  void numbersMigrationsFromOneWithoutGaps() {
    assertThat(SchemaMigrations.latestVersion()).isEqualTo(SchemaMigrations.FILES.size());
  }
}
