package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.adapter.firestore.FirestoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code TOOLGATE_STORE} and the Firestore settings, from the environment alone. */
class StoreSettingsTest {
  private static final Path NOWHERE = Path.of("/nonexistent-toolgate-workdir");

  private static Settings load(Map<String, String> env) {
    return Settings.load(env, NOWHERE);
  }

  private static List<String> problems(Map<String, String> env) {
    return catchThrowableOfType(SettingsException.class, () -> load(env)).problems();
  }

  @Test
  void runsOnTheEmbeddedSqliteFileByDefault() {
    assertThat(load(Map.of()).store()).isEqualTo(StoreSettings.sqlite());
    assertThat(load(Map.of("TOOLGATE_STORE", "SQLite", "GOOGLE_CLOUD_PROJECT", "ignored-here")).store())
        .isEqualTo(StoreSettings.sqlite());
  }

  @Test
  void readsTheFirestoreDatabaseAndTheEmulator() {
    Settings settings =
        load(Map.of(
            "TOOLGATE_STORE", "firestore",
            "GOOGLE_CLOUD_PROJECT", "acme-toolgate",
            "TOOLGATE_FIRESTORE_DATABASE", "gateway-state",
            "FIRESTORE_EMULATOR_HOST", "127.0.0.1:8085",
            // The emulator takes no credentials, so a file that does not exist is no problem.
            "GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/key.json"));

    assertThat(settings.store())
        .isEqualTo(StoreSettings.firestore(new FirestoreConfig("acme-toolgate", "gateway-state", "127.0.0.1:8085", null)));
    assertThat(settings.toString())
        .contains("store=firestore projects/acme-toolgate/databases/gateway-state on the emulator at 127.0.0.1:8085");
  }

  @Test
  void usesApplicationDefaultCredentialsWithoutACredentialsFile() {
    assertThat(load(Map.of("TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "acme-toolgate")).store())
        .isEqualTo(StoreSettings.firestore(FirestoreConfig.cloud("acme-toolgate")));
  }

  @Test
  void requiresTheProjectForFirestore() {
    assertThat(problems(Map.of("TOOLGATE_STORE", "firestore", "FIRESTORE_EMULATOR_HOST", "127.0.0.1:8085")))
        .singleElement().asString()
        .contains("GOOGLE_CLOUD_PROJECT must be set when TOOLGATE_STORE=firestore");
  }

  @Test
  void namesEachBadStoreSettingWithItsValue() {
    assertThat(problems(Map.of("TOOLGATE_STORE", "postgres"))).singleElement().asString()
        .contains("TOOLGATE_STORE").contains("'postgres'");
    assertThat(problems(Map.of("TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "Acme Prod")))
        .singleElement().asString().contains("GOOGLE_CLOUD_PROJECT").contains("'Acme Prod'");
    assertThat(problems(Map.of(
            "TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "acme-toolgate", "FIRESTORE_EMULATOR_HOST", "localhost")))
        .singleElement().asString().contains("FIRESTORE_EMULATOR_HOST").contains("'localhost'");
    assertThat(problems(Map.of(
            "TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "acme-toolgate",
            "TOOLGATE_FIRESTORE_DATABASE", "Main DB")))
        .singleElement().asString().contains("TOOLGATE_FIRESTORE_DATABASE").contains("'Main DB'");
  }

  @Test
  void refusesACredentialsFileThatDoesNotExist() {
    assertThat(problems(Map.of(
            "TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "acme-toolgate",
            "GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/key.json")))
        .singleElement().asString()
        .contains("GOOGLE_APPLICATION_CREDENTIALS")
        .contains("does not exist")
        .contains("'/nonexistent/key.json'");
  }
}
