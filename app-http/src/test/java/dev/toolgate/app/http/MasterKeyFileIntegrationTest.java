package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.core.secret.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileIntegrationTest {
  @TempDir Path workDir;

  private Settings settings(Map<String, String> env) {
    return Settings.load(env, workDir);
  }

  @Test
  void createsAnOwnerOnlyKeyOnceAndReadsItBack() throws Exception {
    Settings settings = settings(Map.of());

    MasterKey created = MasterKeyFile.load(settings);
    MasterKey again = MasterKeyFile.load(settings);

    assertThat(again).isEqualTo(created);
    Path file = settings.masterKeyPath();
    assertThat(Files.readString(file).strip()).isEqualTo(created.encoded());
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }

  @Test
  void refusesAConfiguredFileThatDoesNotExistInsteadOfInventingAKey() {
    Settings settings = settings(Map.of("TOOLGATE_MASTER_KEY_FILE", "keys/missing.key"));

    SettingsException e = catchThrowableOfType(SettingsException.class, () -> MasterKeyFile.load(settings));

    assertThat(e.problems()).singleElement().asString().contains("TOOLGATE_MASTER_KEY_FILE").contains("missing.key");
    assertThat(workDir.resolve("keys/missing.key")).doesNotExist();
  }

  @Test
  void namesAnUnusableFileWithoutShowingItsContent() throws Exception {
    Path file = workDir.resolve("bad.key");
    Files.writeString(file, "c2hvcnQtYnV0LXNlY3JldA==\n");

    SettingsException e =
        catchThrowableOfType(SettingsException.class, () -> MasterKeyFile.load(settings(Map.of("TOOLGATE_MASTER_KEY_FILE", file.toString()))));

    assertThat(e.getMessage()).contains(file.toString()).contains("32 bytes").doesNotContain("c2hvcnQtYnV0LXNlY3JldA");
  }
}
