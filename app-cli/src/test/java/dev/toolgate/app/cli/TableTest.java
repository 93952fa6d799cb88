package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
  private static String render(Table table) {
    StringWriter text = new StringWriter();
    table.print(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void alignsEveryColumnToItsWidestCell() {
    String text =
        render(Table.of("ID", "NAME", "ROLE").row("k1", "support-bot", "agent").row("key_22", "ops", "admin"));

    assertThat(text.lines())
        .containsExactly(
            "ID      NAME         ROLE",
            "k1      support-bot  agent",
            "key_22  ops          admin");
  }

  @Test
  void printsNullAndEmptyCellsAsADash() {
    assertThat(render(Table.of("A", "B").row(null, "")).lines()).containsExactly("A  B", "-  -");
  }

  @Test
  void keepsEachRowOnOneLine() {
    assertThat(render(Table.of("TEXT", "N").row("first line\n  second line", 1)).lines())
        .containsExactly("TEXT                    N", "first line second line  1");
  }

  @Test
  void refusesARowWithTheWrongNumberOfCells() {
    assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[only one]")
        .hasMessageContaining("2 columns");
  }
}
