package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.llm.testing.ProviderStandIn;
import dev.toolgate.adapter.llm.testing.ScriptedReplies;
import dev.toolgate.ports.Json;
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

  @Test
  void aModelForClientsOwnKeysIsListedAsSuchAndRefusedToAClientWithoutOne() {
    CliHarness cli = new CliHarness(temp).env("ANTHROPIC_API_KEY", "client");

    CliHarness.Result json = cli.run("models");
    CliHarness.Result table = cli.run("--output", "table", "models");
    CliHarness.Result chat = cli.run("chat", "--client", "demo", "campaigns last week");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json().at("/models/0/client_key_required").asBoolean()).isTrue();
    assertThat(table.out()).contains("API KEY").contains("client's own");
    assertThat(chat.exitCode()).as(chat.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(chat.err()).contains("model_key_required").contains("anthropic/claude-haiku-5-5");
  }

  @Test
  void chatsWithALocalOpenAiCompatibleModelAndCountsItsTokens() {
    try (ProviderStandIn ollama = new ProviderStandIn()) {
      ScriptedReplies replies = ScriptedReplies.openAi("llama3.2");
      ollama.then(
          replies.toolCall("call_1", "flow_performance",
              Json.object().put("client_key", "demo").put("start", "2026-10-01").put("end", "2026-10-31"), false),
          replies.text(false, "Flows are in the report."));
      CliHarness cli = new CliHarness(temp)
          .env("OPENAI_BASE_URL", ollama.baseUrl("/v1")).env("TOOLGATE_LLM_MODEL", "llama3.2");

      CliHarness.Result chat = cli.run("chat", "--client", "demo", "--model", "openai/llama3.2", "how did flows do last month?");
      CliHarness.Result usage = cli.run("usage", "--client", "demo");

      assertThat(chat.exitCode()).as(chat.toString()).isZero();
      assertThat(chat.out()).contains("Flows are in the report.");
      assertThat(ollama.requests()).hasSize(2);
      assertThat(ollama.requests().get(0).json().path("model").asText()).isEqualTo("llama3.2");
      assertThat(usage.exitCode()).as(usage.toString()).isZero();
      JsonNode row = usage.json().path("rows").findParents("tool").stream()
          .filter(r -> r.path("tool").asText().equals("llm:openai/llama3.2"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no model row in " + usage.out()));
      assertThat(row.path("tokens_in").asLong()).isEqualTo(ScriptedReplies.CALL_IN + ScriptedReplies.TEXT_IN);
      assertThat(row.path("tokens_out").asLong()).isEqualTo(ScriptedReplies.CALL_OUT + ScriptedReplies.TEXT_OUT);
    }
  }
}
