package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulator;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end with {@code TOOLGATE_STORE=firestore}, on the Firestore emulator. */
@ExtendWith(FirestoreEmulatorExtension.class)
class DemoOnFirestoreIntegrationTest {
  @TempDir Path temp;

  @Test
  void runsTheDemoTwiceOnOneFirestoreDatabase() {
    CliHarness cli =
        new CliHarness(temp)
            .env("TOOLGATE_STORE", "firestore")
            .env("GOOGLE_CLOUD_PROJECT", FirestoreEmulator.PROJECT_ID)
            .env("FIRESTORE_EMULATOR_HOST", FirestoreEmulator.shared().host());

    CliHarness.Result first = cli.run("demo");
    CliHarness.Result second = cli.run("demo");

    for (CliHarness.Result run : new CliHarness.Result[] {first, second}) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      JsonNode demo = run.json();
      assertThat(demo.path("ok").asBoolean()).isTrue();
      assertThat(demo.path("tickets_for_run").asLong()).isEqualTo(1);
      assertThat(demo.path("audit_chain").path("valid").asBoolean()).isTrue();
      assertThat(demo.path("expectations").findValuesAsText("met")).isNotEmpty().containsOnly("true");
    }
    // Each run (a process) wrote an audit chain of its own in Firestore, from seq 1, and only its records.
    JsonNode firstTrail = first.json().path("audit_trail");
    JsonNode secondTrail = second.json().path("audit_trail");
    assertThat(firstTrail.get(0).path("seq").asLong()).isEqualTo(1);
    assertThat(secondTrail.get(0).path("seq").asLong()).isEqualTo(1);
    assertThat(firstTrail.findValuesAsText("chain")).containsOnly(firstTrail.get(0).path("chain").asText());
    assertThat(secondTrail.findValuesAsText("chain")).containsOnly(secondTrail.get(0).path("chain").asText())
        .doesNotContain(firstTrail.get(0).path("chain").asText());
    assertThat(temp.resolve("data").resolve("toolgate.db")).doesNotExist();
  }

}
