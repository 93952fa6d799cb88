package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  @Test
  void answersThreeDifferentQuestionsAboutTheDemoClientInOneSession() {
    CliHarness.Result summary = cli.run("chat", "--client", "demo", "summarize last week's campaign performance");
    String session = summary.json().path("session_id").asText();
    CliHarness.Result top = cli.run("chat", "--client", "demo", "--session", session, "top", "3", "campaigns", "by", "revenue", "last", "month");
    CliHarness.Result compare = cli.run("chat", "--client", "demo", "--session", session, "compare this week with last week");

    for (CliHarness.Result result : new CliHarness.Result[] {summary, top, compare}) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
      JsonNode json = result.json();
      assertThat(json.path("answer").asText()).contains("$").contains("sample data set");
      assertThat(json.path("session_id").asText()).isEqualTo(session);
      assertThat(json.path("sample_data").asBoolean()).isTrue();
      assertThat(json.at("/evidence/tool_calls/0/outcome").asText()).isEqualTo("ok");
      assertThat(json.path("request_id").asText()).startsWith("cli-");
    }
    assertThat(summary.json().path("intent").asText()).isEqualTo("campaign_summary");
    assertThat(top.json().path("intent").asText()).isEqualTo("top_campaigns");
    assertThat(top.json().at("/evidence/statistics/ranked").size()).isEqualTo(3);
    assertThat(compare.json().path("intent").asText()).isEqualTo("period_comparison");
    assertThat(compare.json().at("/evidence/tool_calls").size()).isEqualTo(2);
  }

  @Test
  void printsTheAnswerAndAnEvidenceTableForPeople() {
    cli.run("chat", "--client", "demo", "how did our flows do in the last 30 days?");

    CliHarness.Result result = cli.run("--output", "table", "chat", "--client", "demo", "how did our flows do in the last 30 days?");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Last 30 days (")
        .contains("TOOL")
        .contains("flow_performance")
        .contains("hit (")
        .contains("sample")
        .contains("intent: flow_performance")
        .contains("(sample data)");
  }

  @Test
  void refusalsExitWithTheirCodes() {
    CliHarness.Result unknown = cli.run("chat", "--client", "nobody", "campaigns last week");
    CliHarness.Result badSession = cli.run("chat", "--client", "demo", "--session", "no spaces allowed", "campaigns");
    String scoped = cli.createKey("scoped", "--role", "agent", "--client", "other");
    CliHarness.Result foreign = cli.run("--key", scoped, "chat", "--client", "demo", "campaigns last week");
    CliHarness.Result missing = cli.run("chat", "--client", "demo");

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("unknown_client");
    assertThat(badSession.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(foreign.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
