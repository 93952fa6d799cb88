package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line Main runs holds only the subcommand its arguments name, and every one otherwise. */
class SubcommandSelectionTest {

  @Test
  void findsTheSubcommandAfterTheGlobalOptionsAndTheirValues() {
    assertThat(ToolgateCommand.subcommandName("tools", "list")).isEqualTo("tools");
    assertThat(ToolgateCommand.subcommandName("--data-dir", "keys", "--output", "table", "--key", "k", "tools", "list"))
        .as("a value that happens to be a subcommand's name is still a value")
        .isEqualTo("tools");
    assertThat(ToolgateCommand.subcommandName("--output=table", "audit", "verify")).isEqualTo("audit");
    assertThat(ToolgateCommand.subcommandName("--help")).isNull();
  }

  @Test
  void buildsOnlyTheNamedSubcommand() {
    assertThat(commandLineFor("--output", "table", "tools", "list").getSubcommands()).containsOnlyKeys("tools");
    assertThat(commandLineFor("serve", "--port", "0").getSubcommands().get("serve").getCommandSpec().findOption("--output"))
        .as("serve prints no data, so it still offers no --output")
        .isNull();
  }

  @Test
  void buildsEverySubcommandForTopLevelHelpAndForATypo() {
    int all = ToolgateCommand.SUBCOMMANDS.size();
    assertThat(commandLineFor("--help").getSubcommands()).hasSize(all);
    assertThat(commandLineFor("tols", "list").getSubcommands()).as("so picocli can suggest 'tools'").hasSize(all);
    assertThat(commandLineFor().getSubcommands()).hasSize(all);
  }

  private static picocli.CommandLine commandLineFor(String... args) {
    return ToolgateCommand.commandLine(new ToolgateCommand(Map.of(), Path.of("."), System.in), args);
  }
}
