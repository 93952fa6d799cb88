package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolgate demo flowchat} against the reference workers it starts, with its in-process SMTP sink. */
class FlowChatDemoCommandIntegrationTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private static JsonNode step(JsonNode demo, int scenario, String action, boolean withKey) {
    for (JsonNode step : demo.path("scenarios").path(scenario - 1).path("steps")) {
      if (step.path("action").asText().equals(action) && step.path("idempotency_key").isTextual() == withKey) {
        return step;
      }
    }
    throw new AssertionError("no step " + action + " in scenario " + scenario + ": " + demo);
  }

  @Test
  void runsTheInvoicingScenarioTwiceAndTheSecondRunOnlyReplays() {
    CliHarness.Result result = cli.run("demo", "flowchat");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode demo = result.json();
    assertThat(demo.path("ok").asBoolean()).isTrue();
    assertThat(demo.path("expectations").findValuesAsText("met")).hasSizeGreaterThan(15).containsOnly("true");
    assertThat(step(demo, 1, "create_facture", true).path("idempotent_replay").asBoolean()).isFalse();
    assertThat(step(demo, 1, "create_facture", false).path("code").asText()).isEqualTo("validation_failed");
    assertThat(step(demo, 1, "create_facture", false).path("response").toString()).contains("montant_tva");
    assertThat(step(demo, 1, "send_facture_email", true).path("code").asText()).isEqualTo("approval_required");
    assertThat(step(demo, 1, "approve mark_facture_paid", false).path("code").asText()).isEqualTo("approved");
    assertThat(step(demo, 1, "approve mark_facture_paid", false).path("actor_key_id").asText())
        .isEqualTo(demo.path("keys").path("approver").asText());
    for (String tool : new String[] {"create_facture", "generate_facture_pdf", "send_facture_email",
        "mark_facture_paid", "generate_monthly_report"}) {
      assertThat(step(demo, 2, tool, true).path("idempotent_replay").asBoolean()).as(tool).isTrue();
    }
    assertThat(step(demo, 2, "create_facture", true).at("/response/result/id"))
        .isEqualTo(step(demo, 1, "create_facture", true).at("/response/result/id"));
    assertThat(demo.path("emails_sent").asInt()).isEqualTo(2);
    assertThat(demo.path("audit_chain").path("valid").asBoolean()).isTrue();
  }

  @Test
  void readsLikeAReportInTableMode() {
    CliHarness.Result result = cli.run("--output", "table", "demo", "flowchat");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Scenario 1:", "Scenario 2:", "validation_failed", "E-mails received by the demo's SMTP sink: 2")
        .containsPattern("mark_facture_paid\\s+\\S+\\s+ok\\s+yes")
        .doesNotContain("FAILED");
  }
}
