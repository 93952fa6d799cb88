package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private static JsonNode step(JsonNode demo, int scenario, String action) {
    for (JsonNode step : demo.path("scenarios").path(scenario - 1).path("steps")) {
      if (step.path("action").asText().equals(action)) {
        return step;
      }
    }
    throw new AssertionError("no step " + action + " in scenario " + scenario + ": " + demo);
  }

  @Test
  void runsBothScenariosAndShowsTheReplay() {
    CliHarness.Result result = cli.run("demo");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode demo = result.json();
    assertThat(demo.path("ok").asBoolean()).isTrue();
    assertThat(demo.path("tickets_for_run").asLong()).isEqualTo(1);
    assertThat(step(demo, 1, "create_ticket").path("idempotent_replay").asBoolean()).isFalse();
    assertThat(step(demo, 1, "update_customer_status").path("code").asText()).isEqualTo("approval_required");
    assertThat(step(demo, 1, "approve").path("code").asText()).isEqualTo("approved");
    JsonNode ticketAgain = step(demo, 2, "create_ticket");
    assertThat(ticketAgain.path("idempotent_replay").asBoolean()).isTrue();
    assertThat(ticketAgain.path("response").path("result").path("ticket").path("id"))
        .isEqualTo(step(demo, 1, "create_ticket").path("response").path("result").path("ticket").path("id"));
    assertThat(step(demo, 2, "update_customer_status").path("response").path("idempotent_replay").asBoolean()).isTrue();
    assertThat(demo.path("audit_chain").path("valid").asBoolean()).isTrue();
    assertThat(demo.path("expectations").findValuesAsText("met")).isNotEmpty().containsOnly("true");
  }

  @Test
  void printsTheAuditTrailOfItsOwnRequests() {
    JsonNode demo = cli.run("demo").json();

    JsonNode trail = demo.path("audit_trail");
    String requestId = demo.path("request_id").asText();
    assertThat(trail.size()).isGreaterThanOrEqualTo(9);
    assertThat(trail.findValuesAsText("request_id")).allMatch(id -> id.startsWith(requestId));
    assertThat(trail.findValuesAsText("key_id"))
        .contains(demo.path("keys").path("agent").asText(), demo.path("keys").path("approver").asText());
    List<Long> seqs = trail.findValues("seq").stream().map(JsonNode::asLong).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void runsAgainOnTheSameDataDirectory() {
    CliHarness.Result first = cli.run("demo");
    CliHarness.Result second = cli.run("demo");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.json().path("run_id").asText()).isNotEqualTo(first.json().path("run_id").asText());
    assertThat(second.json().path("tickets_for_run").asLong()).isEqualTo(1);
  }

  @Test
  void readsLikeAReportInTableMode() {
    CliHarness.Result result = cli.run("--output", "table", "demo");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Scenario 1:")
        .contains("Scenario 2:")
        .containsPattern("create_ticket\\s+\\S+\\s+ok\\s+yes")
        .contains("Audit trail of this run")
        .contains("Audit chain: valid")
        .doesNotContain("FAILED");
  }

  @Test
  void revokesItsKeysWhenDone() {
    cli.run("demo");

    JsonNode keys = cli.run("keys", "list").json().path("keys");

    assertThat(keys.findParents("name").stream().filter(k -> k.path("name").asText().startsWith("demo-")))
        .hasSize(2)
        .allMatch(k -> !k.path("active").asBoolean());
  }
}
