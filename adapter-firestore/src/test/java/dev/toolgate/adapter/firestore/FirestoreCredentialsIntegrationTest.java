package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.auth.oauth2.UserCredentials;
import com.google.cloud.firestore.Firestore;
import dev.toolgate.ports.PortException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials that cannot work stop start-up with a message saying which file and why. */
class FirestoreCredentialsIntegrationTest {
  @TempDir Path directory;

  private static FirestoreConfig cloud(Path credentials) {
    return new FirestoreConfig("acme-prod", FirestoreConfig.DEFAULT_DATABASE, null, credentials);
  }

  @Test
  void namesAMissingCredentialsFile() {
    Path missing = directory.resolve("nope.json");

    assertThatThrownBy(() -> FirestoreStores.open(cloud(missing)))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("'" + missing + "' does not exist");
  }

  @Test
  void refusesAFileThatIsNotJsonWithoutQuotingIt() throws Exception {
    Path file = Files.writeString(directory.resolve("key.json"), "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg");

    assertThatThrownBy(() -> FirestoreStores.open(cloud(file)))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("is not JSON")
        .hasMessageNotContaining("MIIE");
  }

  @Test
  void refusesJsonThatIsNotGoogleCredentials() throws Exception {
    Path untyped = Files.writeString(directory.resolve("untyped.json"), "{\"project_id\":\"acme-prod\"}");
    Path unknown = Files.writeString(directory.resolve("unknown.json"), "{\"type\":\"api_key\"}");

    assertThatThrownBy(() -> FirestoreStores.open(cloud(untyped))).hasMessageContaining("no \"type\" field");
    assertThatThrownBy(() -> FirestoreStores.open(cloud(unknown)))
        .hasMessageContaining("has type 'api_key'")
        .hasMessageContaining("service_account");
  }

  @Test
  void refusesAnIncompleteServiceAccountKey() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("sa.json"),
            "{\"type\":\"service_account\",\"project_id\":\"acme-prod\",\"private_key\":\"not a key\"}");

    assertThatThrownBy(() -> FirestoreStores.open(cloud(file)))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("'" + file + "' (type service_account) is not usable")
        .hasMessageNotContaining("not a key");
  }

  @Test
  void loadsEachSupportedTypeWithItsOwnLoader() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("adc.json"),
            "{\"type\":\"authorized_user\",\"client_id\":\"id.apps.example\",\"client_secret\":\"s\","
                + "\"refresh_token\":\"r\"}");

    assertThat(FirestoreClients.credentials(cloud(file))).isInstanceOf(UserCredentials.class);
  }

  @Test
  void explainsHowToProvideCredentialsWhenThereAreNone() {
    Path wellKnown = Path.of(System.getProperty("user.home"), ".config", "gcloud", "application_default_credentials.json");
    assumeTrue(
        System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null && !Files.exists(wellKnown),
        "this machine has Application Default Credentials");

    assertThatThrownBy(() -> FirestoreStores.open(FirestoreConfig.cloud("acme-prod")))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("no Google credentials for Firestore projects/acme-prod/databases/(default)")
        .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS")
        .hasMessageContaining("gcloud auth application-default login");
  }

  @Test
  void ignoresCredentialsWithTheEmulator() throws Exception {
    FirestoreConfig emulator =
        new FirestoreConfig("acme-prod", FirestoreConfig.DEFAULT_DATABASE, "127.0.0.1:8080", directory.resolve("nope.json"));

    Firestore client = FirestoreClients.connect(emulator);
    try {
      assertThat(client.getOptions().getEmulatorHost()).isEqualTo("127.0.0.1:8080");
    } finally {
      client.shutdown();
    }
  }
}
