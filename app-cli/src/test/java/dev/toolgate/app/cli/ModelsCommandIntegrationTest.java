package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolgate models} and {@code toolgate chat --model}: the configured models, never their keys. */
class ModelsCommandIntegrationTest {
  private static final String KEY = "sk-ant-test-0123456789";

  @TempDir Path temp;

  @Test
  void listsTheConfiguredModelsWithTheirPricesAndNoKey() {
    CliHarness cli = new CliHarness(temp).env("ANTHROPIC_API_KEY", KEY).env("TOOLGATE_LLM_MODEL", "claude-haiku-5-5");

    CliHarness.Result json = cli.run("models");
    CliHarness.Result table = cli.run("--output", "table", "models");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json().path("planner").asText()).isEqualTo("model");
    assertThat(json.json().at("/models/0/name").asText()).isEqualTo("anthropic/claude-haiku-5-5");
    assertThat(json.json().at("/models/0/price/output_per_million").decimalValue()).isEqualByComparingTo("0.50");
    assertThat(table.out()).contains("anthropic/claude-haiku-5-5").contains("yes").contains("0.5");
    assertThat(json.out() + json.err() + table.out() + table.err()).doesNotContain(KEY);
  }

  @Test
  void withoutAModelChatIsRuleBasedAndRefusesAModelOption() {
    CliHarness cli = new CliHarness(temp);

    CliHarness.Result models = cli.run("--output", "table", "models");
    CliHarness.Result chat = cli.run("chat", "--client", "demo", "--model", "openai/gpt-6-luna", "campaigns last week");

    assertThat(models.out()).contains("rule-based");
    assertThat(chat.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(chat.err()).contains("unknown_model").contains("no language model is configured");
  }

  @Test
  void usageShowsCallsTokensAndCostPerDayClientAndTool() {
    CliHarness cli = new CliHarness(temp);
    cli.run("chat", "--client", "demo", "summarize last week's campaign performance");

    CliHarness.Result json = cli.run("usage", "--client", "demo");
    CliHarness.Result table = cli.run("--output", "table", "usage");
    CliHarness.Result backwards = cli.run("usage", "--from", "2026-12-01", "--to", "2026-11-01");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json().path("rows").findValuesAsText("tool")).contains("campaign_performance");
    assertThat(json.json().at("/rows/0").has("tokens")).isTrue();
    assertThat(json.json().at("/rows/0").has("cost_usd")).isTrue();
    assertThat(table.out()).contains("TOKENS").contains("COST USD").contains("campaign_performance");
    assertThat(backwards.exitCode()).isNotZero();
    assertThat(backwards.err()).contains("must not be after");
  }
}
