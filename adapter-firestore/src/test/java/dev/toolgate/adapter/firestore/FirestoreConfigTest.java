package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FirestoreConfigTest {
  @Test
  void acceptsCloudProjectsDatabasesAndEmulatorHosts() {
    assertThat(FirestoreConfig.cloud("acme-toolgate-prod").usesEmulator()).isFalse();
    assertThat(new FirestoreConfig("example.com:legacy-app", "audit-db", null, Path.of("key.json")).databaseId())
        .isEqualTo("audit-db");
    assertThat(FirestoreConfig.emulator("toolgate-it", "[::1]:8080").usesEmulator()).isTrue();
    assertThat(FirestoreConfig.emulator("toolgate-it", "localhost:8080").databaseId()).isEqualTo("(default)");
  }

  @Test
  void quotesTheBadValueOfEachSetting() {
    assertThatThrownBy(() -> FirestoreConfig.cloud("My Project"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'My Project'");
    assertThatThrownBy(() -> FirestoreConfig.cloud("abc"))
        .hasMessageContaining("'abc'");
    assertThatThrownBy(() -> new FirestoreConfig("acme-prod", "Default", null, null))
        .hasMessageContaining("'Default'");
    assertThatThrownBy(() -> FirestoreConfig.emulator("acme-prod", "localhost"))
        .hasMessageContaining("'localhost'")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> FirestoreConfig.emulator("acme-prod", "localhost:99999"))
        .hasMessageContaining("'localhost:99999'");
  }

  @Test
  void describesWhereTheDataLives() {
    assertThat(FirestoreConfig.cloud("acme-prod").describe())
        .isEqualTo("projects/acme-prod/databases/(default) on Google Cloud");
    assertThat(FirestoreConfig.emulator("acme-prod", "127.0.0.1:8085").describe())
        .isEqualTo("projects/acme-prod/databases/(default) on the emulator at 127.0.0.1:8085");
  }
}
