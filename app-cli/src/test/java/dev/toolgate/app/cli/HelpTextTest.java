package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * Every command's help, rendered as a user sees it: picocli formats description, header and footer
 * lines with {@code String.format}, and on a bad {@code %} prints a warning and the raw text instead.
 */
class HelpTextTest {
  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(ToolgateCommand.commandLine(new ToolgateCommand(Map.of(), Path.of("."), System.in)), all);
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  @Test
  void everyHelpTextFormatsWithoutAPicocliWarning() {
    for (CommandLine command : everyCommand()) {
      CommandSpec spec = command.getCommandSpec();
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(spec.usageMessage().description()));
      texts.addAll(List.of(spec.usageMessage().header()));
      texts.addAll(List.of(spec.usageMessage().footer()));
      spec.options().forEach(option -> texts.addAll(List.of(option.description())));
      spec.positionalParameters().forEach(parameter -> texts.addAll(List.of(parameter.description())));
      for (String text : texts) {
        assertThatCode(() -> String.format(text))
            .as("help of '%s': %s (write a literal %% as %%%%)", spec.qualifiedName(), text)
            .doesNotThrowAnyException();
      }
      assertThat(command.getUsageMessage()).as(spec.qualifiedName()).doesNotContain("%n");
    }
  }

  @Test
  void exampleLinesInHelpAreNotWrapped() {
    for (CommandLine command : everyCommand()) {
      for (String line : command.getCommandSpec().usageMessage().description()) {
        if (line.startsWith("  ") && line.contains("toolgate ")) { // a command to copy, not indented prose
          assertThat(String.format(line).length())
              .as("example in help of '%s' must fit 80 columns: %s", command.getCommandSpec().qualifiedName(), line)
              .isLessThanOrEqualTo(CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH);
        }
      }
    }
  }

  @Test
  void serveAndMcpDoNotOfferAnOutputFormatTheyWouldIgnore() {
    for (CommandLine command : everyCommand()) {
      String name = command.getCommandName();
      boolean offered = command.getCommandSpec().findOption("--output") != null;
      if (ToolgateCommand.COMMANDS_WITHOUT_OUTPUT.contains(name)) {
        assertThat(offered).as(name).isFalse();
        assertThat(command.getUsageMessage()).as(name).doesNotContain("--output");
      } else {
        assertThat(offered).as(name).isTrue();
      }
    }
  }

  @Test
  void eachCommandsSummaryIsAWholeSentence() {
    for (CommandLine command : everyCommand()) {
      String[] description = command.getCommandSpec().usageMessage().description();
      assertThat(description).as(command.getCommandSpec().qualifiedName()).isNotEmpty();
      assertThat(description[0].strip()).as("summary of %s", command.getCommandSpec().qualifiedName()).endsWith(".");
    }
  }

  @Test
  void serveSaysItAlsoServesMcpAndMcpSaysWhoItActsAs() {
    Map<String, CommandLine> top = everyCommand().get(0).getSubcommands();

    assertThat(top.get("serve").getUsageMessage()).contains("/mcp");
    assertThat(top.get("mcp").getUsageMessage()).contains("'local-mcp', an agent").doesNotContain("you are the local operator");
  }
}
