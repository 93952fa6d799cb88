package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An allowlist that names a tool that does not exist would hide every tool: it stops start-up instead. */
class UnknownToolSettingIntegrationTest {
  @TempDir Path temp;

  @Test
  void anAllowlistNamingNoToolIsABadSettingThatNamesTheToolsThatExist() {
    CliHarness.Result listed = new CliHarness(temp).env("ALLOWED_TOOLS", "search_customer,foo").run("tools", "list");

    assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(ExitCodes.BAD_SETTINGS);
    assertThat(listed.err()).contains("ALLOWED_TOOLS: no tool named foo").contains("search_customer");
  }

  @Test
  void anAllowlistOfRealToolsStarts() {
    CliHarness.Result listed = new CliHarness(temp).env("ALLOWED_TOOLS", "search_customer").run("tools", "list");

    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.json().path("tools").findValuesAsText("name")).containsExactly("search_customer");
  }
}
