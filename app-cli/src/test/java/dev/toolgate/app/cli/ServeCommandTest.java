package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @Test
  void announcesLoopbackForAServerBoundToEveryInterface() {
    assertThat(ServeCommand.reachableHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(ServeCommand.reachableHost("::")).isEqualTo("127.0.0.1");
  }

  @Test
  void announcesTheBoundAddressOtherwiseWithBracketsForIpv6() {
    assertThat(ServeCommand.reachableHost("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(ServeCommand.reachableHost("10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(ServeCommand.reachableHost("::1")).isEqualTo("[::1]");
  }

  @Test
  void saysWhereTheStateIsForEachStore(@TempDir Path temp) {
    Settings sqlite = Settings.load(Map.of("TOOLGATE_DATA_DIR", "d"), temp);
    Settings firestore =
        Settings.load(
            Map.of(
                "TOOLGATE_STORE", "firestore", "GOOGLE_CLOUD_PROJECT", "acme-toolgate",
                "FIRESTORE_EMULATOR_HOST", "127.0.0.1:8085"),
            temp);

    assertThat(ServeCommand.stateLocation(sqlite)).isEqualTo("data directory: " + temp.resolve("d"));
    assertThat(ServeCommand.stateLocation(firestore)).startsWith("state: Firestore projects/acme-toolgate/").doesNotContain("data directory");
  }

  @Test
  void aRestartSaysHowToReplaceALostAdminKey(@TempDir Path temp) {
    Settings settings = Settings.load(Map.of("TOOLGATE_DATA_DIR", "d"), temp);

    assertThat(ServeCommand.adminKeyReminder(settings))
        .contains("already exists")
        .contains("toolgate --data-dir " + temp.resolve("d") + " keys create --name admin --role admin");
  }
}
