package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
    // A key scoped to another client (which must exist for the key to be issued).
    assertThat(cli.run("clients", "add", "other", "--name", "Other").exitCode()).isZero();
    String scoped = cli.createKey("scoped", "--role", "agent", "--client", "other");
    CliHarness.Result foreign = cli.run("--key", scoped, "chat", "--client", "demo", "campaigns last week");
    CliHarness.Result missing = cli.run("chat", "--client", "demo");

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("unknown_client");
    assertThat(badSession.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(foreign.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void exportsASessionAsJsonLinesWithUtcTimestamps() {
    String session =
        cli.run("chat", "--client", "demo", "summarize last week's campaign performance").json().path("session_id").asText();
    cli.run("chat", "--client", "demo", "--session", session, "top 3 campaigns by revenue last month");

    CliHarness.Result export = cli.run("chat", "export", "--session", session);

    assertThat(export.exitCode()).as(export.toString()).isZero();
    String[] lines = export.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = dev.toolgate.ports.Json.parse(lines[0]);
    JsonNode second = dev.toolgate.ports.Json.parse(lines[1]);
    assertThat(first.path("seq").asInt()).isEqualTo(1);
    assertThat(second.path("seq").asInt()).isEqualTo(2);
    assertThat(first.path("session_id").asText()).isEqualTo(session);
    assertThat(first.path("client_key").asText()).isEqualTo("demo");
    assertThat(first.path("question").asText()).isEqualTo("summarize last week's campaign performance");
    assertThat(second.path("intent").asText()).isEqualTo("top_campaigns");
    assertThat(first.path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    assertThat(first.at("/evidence/tool_calls/0/outcome").asText()).isEqualTo("ok");
  }

  @Test
  void exportRefusesAnUnknownSessionAndAKeyWithoutTheOperatorRole() {
    String session =
        cli.run("chat", "--client", "demo", "summarize last week's campaign performance").json().path("session_id").asText();
    String agent = cli.createKey("reader", "--role", "agent");

    assertThat(cli.run("chat", "export", "--session", "ses_nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("--key", agent, "chat", "export", "--session", session).exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(cli.run("chat", "export").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void exportsEveryTurnOfOneClientAsJsonLinesWithinATimeWindow() {
    assertThat(cli.run("clients", "add", "other", "--name", "Other").exitCode()).isZero();
    String first =
        cli.run("chat", "--client", "demo", "summarize last week's campaign performance").json().path("session_id").asText();
    String second =
        cli.run("chat", "--client", "demo", "top 3 campaigns by revenue last month").json().path("session_id").asText();
    cli.run("chat", "--client", "demo", "--session", first, "how did our flows do in the last 30 days?");
    cli.run("chat", "--client", "other", "campaigns last week");

    CliHarness.Result all = cli.run("chat", "export", "--client", "demo");
    CliHarness.Result future = cli.run("chat", "export", "--client", "demo", "--since", "2999-01-01");
    CliHarness.Result past = cli.run("chat", "export", "--client", "demo", "--until", "2000-01-01T00:00:00Z");

    assertThat(all.exitCode()).as(all.toString()).isZero();
    List<JsonNode> lines = all.out().strip().lines().map(dev.toolgate.ports.Json::parse).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.path("client_key").asText()).isEqualTo("demo");
      assertThat(line.path("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    });
    assertThat(lines).extracting(line -> line.path("session_id").asText()).containsExactly(first, second, first);
    assertThat(lines).extracting(line -> Instant.parse(line.path("at").asText())).isSorted();
    assertThat(future.exitCode()).as(future.toString()).isZero();
    assertThat(future.out()).isBlank();
    assertThat(past.exitCode()).as(past.toString()).isZero();
    assertThat(past.out()).isBlank();
  }

  @Test
  void exportByClientNeedsTheOperatorRoleAndAKnownClientAndSaneOptions() {
    cli.run("chat", "--client", "demo", "summarize last week's campaign performance");
    String agent = cli.createKey("reader", "--role", "agent", "--client", "demo");

    assertThat(cli.run("--key", agent, "chat", "export", "--client", "demo").exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(cli.run("chat", "export", "--client", "nobody").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    CliHarness.Result badTime = cli.run("chat", "export", "--client", "demo", "--since", "last tuesday");
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("--since", "last tuesday");
    assertThat(cli.run("chat", "export", "--client", "demo", "--since", "2026-11-02", "--until", "2026-11-01").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("chat", "export", "--client", "demo", "--session", "ses_x").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
