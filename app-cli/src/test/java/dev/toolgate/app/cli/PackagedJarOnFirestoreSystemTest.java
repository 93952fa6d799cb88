package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulator;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.ports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/toolgate.jar} (run by failsafe after {@code package}) still has all the
 * Firestore client needs, although the jar leaves out gRPC's xDS and CEL (see the adapter's pom): the
 * demo runs as a separate process with {@code TOOLGATE_STORE=firestore} against the emulator.
 */
@ExtendWith(FirestoreEmulatorExtension.class)
class PackagedJarOnFirestoreSystemTest {
  private static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path temp;

  @Test
  void runsTheDemoOnTheFirestoreEmulator() throws Exception {
    assertThat(JAR).as("run after 'package': the shaded jar").exists();
    ProcessBuilder builder =
        new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "demo")
            .directory(temp.toFile())
            .redirectOutput(temp.resolve("out.json").toFile())
            .redirectError(temp.resolve("err.txt").toFile());
    builder.environment().clear();
    builder.environment().put("TOOLGATE_STORE", "firestore");
    builder.environment().put("GOOGLE_CLOUD_PROJECT", FirestoreEmulator.PROJECT_ID);
    builder.environment().put("FIRESTORE_EMULATOR_HOST", FirestoreEmulator.shared().host());
    Process process = builder.start();

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the demo ends").isTrue();
    String err = Files.readString(temp.resolve("err.txt"));
    assertThat(process.exitValue()).as(err).isZero();
    JsonNode demo = Json.mapper().readTree(temp.resolve("out.json").toFile());
    assertThat(demo.path("ok").asBoolean()).as(demo.toString()).isTrue();
    assertThat(demo.path("audit_chain").path("valid").asBoolean()).isTrue();
    assertThat(temp.resolve("data").resolve("toolgate.db")).as("nothing went to SQLite").doesNotExist();
  }
}
