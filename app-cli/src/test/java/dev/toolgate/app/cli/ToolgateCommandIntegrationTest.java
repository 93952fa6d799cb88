package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolgateCommandIntegrationTest {
  @TempDir Path temp;

  @Test
  void badSettingsExitWithOneLineNamingEachSetting() {
    CliHarness cli = new CliHarness(temp).env("RATE_LIMIT", "fast").env("CACHE_TTL_SECONDS", "soon");

    CliHarness.Result result = cli.run("tools", "list");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_SETTINGS);
    assertThat(result.err().lines()).hasSize(2);
    assertThat(result.err()).contains("RATE_LIMIT").contains("CACHE_TTL_SECONDS");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badSettingsStopTheServerBeforeItStarts() {
    CliHarness cli = new CliHarness(temp).env("RATE_LIMIT", "fast");

    CliHarness.Result result = cli.run("serve", "--port", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_SETTINGS);
    assertThat(result.err()).contains("RATE_LIMIT");
  }

  @Test
  void aPortInUseStopsTheServerWithOneSentenceAndTheStartUpCode() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliHarness.Result result = new CliHarness(temp).run("serve", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.START_FAILED);
      assertThat(result.err().lines().filter(line -> line.startsWith("toolgate: ")))
          .singleElement()
          .asString()
          .contains("127.0.0.1:" + taken.getLocalPort())
          .contains("already in use")
          .doesNotContain("Exception");
    }
  }

  @Test
  void anInvalidHostIsABadSettingNotAPortInUse() {
    CliHarness.Result result = new CliHarness(temp).env("TOOLGATE_HOST", "999.1.1.1").run("serve", "--port", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_SETTINGS);
    assertThat(result.err()).contains("TOOLGATE_HOST").contains("'999.1.1.1'").doesNotContain("in use");
  }

  @Test
  void badLogSettingsAreBadSettings() {
    CliHarness.Result result =
        new CliHarness(temp).env("TOOLGATE_LOG_LEVEL", "abc").env("TOOLGATE_LOG_FORMAT", "xml").run("tools", "list");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_SETTINGS);
    assertThat(result.err().lines()).hasSize(2);
    assertThat(result.err()).contains("TOOLGATE_LOG_LEVEL").contains("'abc'").contains("TOOLGATE_LOG_FORMAT");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void validLogSettingsAreAccepted() {
    CliHarness.Result result =
        new CliHarness(temp).env("TOOLGATE_LOG_LEVEL", "DEBUG").env("TOOLGATE_LOG_FORMAT", "text").run("tools", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void theDataDirectoryOptionDecidesWhereTheStoreLives() {
    CliHarness cli = new CliHarness(temp);

    assertThat(cli.run("tools", "list").exitCode()).isZero();

    assertThat(cli.dataDir()).isDirectory();
    assertThat(temp.resolve("data")).isEqualTo(cli.dataDir());
  }

  @Test
  void theDataDirectoryComesFromTheSettingsWithoutTheOption() {
    Path elsewhere = temp.resolve("elsewhere");
    CliHarness cli = new CliHarness(temp).env("TOOLGATE_DATA_DIR", elsewhere.toString()).withoutDataDirOption();

    CliHarness.Result result = cli.run("keys", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(elsewhere).isDirectory();
    assertThat(temp.resolve("data")).doesNotExist();
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    CliHarness.Result result = new CliHarness(temp).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("tools", "approvals", "audit", "keys", "serve", "demo")
        .contains("Exit codes:")
        .contains("10  bad settings")
        .contains("local operator");
  }

  @Test
  void everySubcommandHasHelp() {
    CliHarness cli = new CliHarness(temp);

    for (String[] command :
        new String[][] {
          {"tools", "call", "--help"}, {"approvals", "reject", "--help"}, {"audit", "export", "--help"},
          {"keys", "create", "--help"}, {"serve", "--help"}, {"demo", "--help"}
        }) {
      CliHarness.Result result = cli.run(command);
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).as(String.join(" ", command)).startsWith("Usage: toolgate " + command[0]);
    }
  }

  @Test
  void printsTheVersion() {
    CliHarness.Result result = new CliHarness(temp).run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("toolgate ").doesNotContain("${");
  }

  @Test
  void aMissingSubcommandIsAUsageError() {
    CliHarness cli = new CliHarness(temp);

    assertThat(cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("tools").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("tools", "frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("--output", "yaml", "tools", "list").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void globalOptionsWorkAfterTheSubcommandToo() throws Exception {
    CliHarness.Result result = new CliHarness(temp).run("tools", "list", "--output", "TABLE");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("NAME");
    assertThat(Files.exists(temp.resolve("data"))).isTrue();
  }
}
