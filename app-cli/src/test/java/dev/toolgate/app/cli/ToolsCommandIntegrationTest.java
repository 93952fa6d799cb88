package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  @Test
  void listsTheSupportToolsAsJson() {
    CliHarness.Result result = cli.run("tools", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.path("total").asInt()).isEqualTo(json.path("tools").size());
    assertThat(json.findValuesAsText("name"))
        .contains("search_customer", "create_ticket", "update_customer_status", "send_message", "get_incident_impact");
    assertThat(json.path("tools").findParents("name").stream()
            .filter(t -> t.path("name").asText().equals("update_customer_status"))
            .findFirst()
            .orElseThrow()
            .path("requires_approval")
            .asBoolean())
        .isTrue();
  }

  @Test
  void listsTheToolsAsATableForPeople() {
    CliHarness.Result result = cli.run("--output", "table", "tools", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("CATEGORY");
    assertThat(result.out()).containsPattern("update_customer_status\\s+write\\s+required");
  }

  @Test
  void describesAToolWithItsSchemas() {
    CliHarness.Result result = cli.run("tools", "describe", "create_ticket");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.path("input_schema").path("required").toString()).contains("customer_id", "subject");
    assertThat(json.path("output_schema").path("type").asText()).isEqualTo("object");
    assertThat(json.path("version").asText()).isNotBlank();
  }

  @Test
  void describingAnUnknownToolExitsNotFound() {
    CliHarness.Result result = cli.run("tools", "describe", "drop_database");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.err()).contains("drop_database");
  }

  @Test
  void callsAToolAndPrintsTheRestShape() {
    CliHarness.Result result = cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.path("success").asBoolean()).isTrue();
    assertThat(json.path("tool_name").asText()).isEqualTo("search_customer");
    assertThat(json.path("result").path("count").asInt()).isEqualTo(1);
    assertThat(json.path("idempotent_replay").asBoolean()).isFalse();
    assertThat(json.path("request_id").asText()).startsWith("cli-");
  }

  @Test
  void malformedJsonArgumentsExitInvalidInputNamingTheProblem() {
    CliHarness.Result result = cli.run("tools", "call", "search_customer", "--args", "{\"query\": Acme}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("--args").contains("not valid JSON");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void malformedJsonArgumentsSayLineAndColumnWithoutParserInternals() {
    // An unclosed object: Jackson's own message quotes a source location with its feature names.
    CliHarness.Result result = cli.run("tools", "call", "search_customer", "--args", "{\"query\":\n  \"Acme\"");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err())
        .contains("--args is not valid JSON at line 2")
        .contains("column")
        .doesNotContain("StreamReadFeature")
        .doesNotContain("[Source");
  }

  @Test
  void argumentsThatBreakTheSchemaExitInvalidInputWithFieldErrors() {
    CliHarness.Result result =
        cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Acme\",\"limit\":500}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode error = result.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_arguments");
    assertThat(error.path("details").path("errors").findValuesAsText("field")).contains("/limit");
  }

  @Test
  void readsArgumentsFromAFileAndFromStandardInput() throws IOException {
    Files.writeString(temp.resolve("args.json"), "{\"query\":\"Acme\"}");

    CliHarness.Result fromFile = cli.run("tools", "call", "search_customer", "--args-file", "args.json");
    CliHarness.Result fromStdin = cli.runWithInput("{\"query\":\"acme\"}", "tools", "call", "search_customer", "--args-file", "-");

    assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
    assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
    assertThat(fromStdin.json().path("result")).isEqualTo(fromFile.json().path("result"));
  }

  @Test
  void aMissingArgumentsFileIsInvalidInput() {
    CliHarness.Result result = cli.run("tools", "call", "search_customer", "--args-file", "nope.json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("nope.json");
  }

  @Test
  void givingArgumentsTwiceIsAUsageError() {
    Path file = temp.resolve("a.json");
    CliHarness.Result result =
        cli.run("tools", "call", "search_customer", "--args", "{}", "--args-file", file.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void callingAnUnknownToolExitsNotFound() {
    CliHarness.Result result = cli.run("tools", "call", "drop_database", "--args", "{}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.json().path("error").path("code").asText()).isEqualTo("unknown_tool");
    assertThat(result.err()).contains("unknown_tool");
  }

  @Test
  void aToolOnTheKeysDenyListExitsForbidden() {
    String agent = cli.createKey("no-tickets", "--role", "agent", "--deny-tool", "create_ticket");

    CliHarness.Result result =
        cli.run(
            "--key", agent, "tools", "call", "create_ticket",
            "--args", "{\"customer_id\":\"cus_001\",\"subject\":\"Printer on fire\"}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FORBIDDEN);
    JsonNode error = result.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo("tool_not_allowed");
    assertThat(error.path("details").path("rule").asText()).isEqualTo("key_deny");
  }

  @Test
  void actsAsTheKeyFromTheEnvironment() {
    String agent = cli.createKey("env-agent", "--role", "agent", "--deny-tool", "search_customer");
    cli.env("TOOLGATE_KEY", agent);

    CliHarness.Result result = cli.run("tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FORBIDDEN);
  }

  @Test
  void anUnknownKeyExitsForbiddenWithoutTouchingTheTool() {
    CliHarness.Result result =
        cli.run("--key", "tg_nobody_secret", "tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("unknown or revoked");
  }

  @Test
  void repeatingACallWithTheSameIdempotencyKeyReplaysIt() {
    String args = "{\"customer_id\":\"cus_001\",\"subject\":\"Invoices missing\"}";

    CliHarness.Result first = cli.run("tools", "call", "create_ticket", "--args", args, "--idempotency-key", "t-1");
    CliHarness.Result second = cli.run("tools", "call", "create_ticket", "--args", args, "--idempotency-key", "t-1");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(first.json().path("idempotent_replay").asBoolean()).isFalse();
    assertThat(second.json().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(second.json().path("result").path("ticket").path("id"))
        .isEqualTo(first.json().path("result").path("ticket").path("id"));
  }

  @Test
  void reusingAnIdempotencyKeyWithOtherArgumentsExitsConflict() {
    cli.run(
        "tools", "call", "create_ticket", "--args", "{\"customer_id\":\"cus_001\",\"subject\":\"One\"}",
        "--idempotency-key", "t-2");

    CliHarness.Result reused =
        cli.run(
            "tools", "call", "create_ticket", "--args", "{\"customer_id\":\"cus_001\",\"subject\":\"Two\"}",
            "--idempotency-key", "t-2");

    assertThat(reused.exitCode()).as(reused.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(reused.json().path("error").path("code").asText()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void printsTheResultReadablyInTableMode() {
    CliHarness.Result result =
        cli.run("--output", "table", "tools", "call", "search_customer", "--args", "{\"query\":\"Acme\"}");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("search_customer: ok").contains("\"customers\"");
  }
}
