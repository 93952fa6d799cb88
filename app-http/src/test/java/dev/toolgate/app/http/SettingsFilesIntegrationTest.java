package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from {@code .env} and the config file, and their precedence. */
class SettingsFilesIntegrationTest {
  @TempDir Path workDir;

  private void write(String name, String... lines) throws IOException {
    Files.write(workDir.resolve(name), String.join("\n", lines).getBytes());
  }

  @Test
  void environmentBeatsDotEnvWhichBeatsTheConfigFileWhichBeatsDefaults() throws IOException {
    write("toolgate.properties", "PORT=7001", "CACHE_TTL_SECONDS=11", "RATE_LIMIT=7/minute", "TOOLGATE_HOST=10.0.0.1");
    write(".env", "PORT=7002", "CACHE_TTL_SECONDS=22");

    Settings settings = Settings.load(Map.of("PORT", "7003"), workDir);

    assertThat(settings.port()).isEqualTo(7003);
    assertThat(settings.cacheTtl()).hasSeconds(22);
    assertThat(settings.rateLimit().permits()).isEqualTo(7);
    assertThat(settings.host()).isEqualTo("10.0.0.1");
    assertThat(settings.approvalTtl()).hasSeconds(3600);
  }

  @Test
  void readsDotEnvSyntaxAsPeopleWriteIt() throws IOException {
    write(
        ".env",
        "# the seed's .env",
        "",
        "export API_KEY=\"dev-key-quoted\"",
        "ALLOWED_TOOLS='search_customer,create_ticket'",
        "CACHE_TTL_SECONDS=60 # a minute",
        "GOOGLE_CLOUD_PROJECT=not-ours");

    Settings settings = Settings.load(Map.of(), workDir);

    assertThat(settings.fixedKeys()).singleElement().satisfies(key -> assertThat(key.secret()).isEqualTo("dev-key-quoted"));
    assertThat(settings.allowedTools()).containsExactlyInAnyOrder("search_customer", "create_ticket");
    assertThat(settings.cacheTtl()).hasSeconds(60);
  }

  @Test
  void namesTheFileABadValueCameFrom() throws IOException {
    write(".env", "PORT=abc");
    write("toolgate.properties", "RATE_LIMIT=lots");

    SettingsException e = catchThrowableOfType(SettingsException.class, () -> Settings.load(Map.of(), workDir));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "PORT must be a whole number from 0 to 65535, got 'abc' (from .env)",
            "RATE_LIMIT: rate limit 'lots' must look like 200/minute, 10/second or 200 (from toolgate.properties)");
  }

  @Test
  void catchesMistypedToolgateSettingsInFiles() throws IOException {
    write(".env", "TOOLGATE_APROVAL_TTL_SECONDS=60", "not a setting line");
    write("toolgate.properties", "TOOLGATE_WHATEVER=1");

    SettingsException e = catchThrowableOfType(SettingsException.class, () -> Settings.load(Map.of(), workDir));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "unknown setting 'TOOLGATE_APROVAL_TTL_SECONDS' in .env (did you mean TOOLGATE_APPROVAL_TTL_SECONDS?)",
            ".env line 2 is not of the form KEY=VALUE",
            "unknown setting 'TOOLGATE_WHATEVER' in toolgate.properties");
  }

  @Test
  void readsTheConfigFileNamedByToolgateConfig() throws IOException {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/prod.properties"), "PORT=7100\nTOOLGATE_DATA_DIR=/var/lib/toolgate\n");

    Settings settings = Settings.load(Map.of("TOOLGATE_CONFIG", "conf/prod.properties"), workDir);

    assertThat(settings.port()).isEqualTo(7100);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/toolgate"));
  }

  @Test
  void reportsAMissingConfigFileOnlyWhenOneWasNamed() {
    assertThat(Settings.load(Map.of(), workDir).port()).isEqualTo(8080);

    SettingsException e =
        catchThrowableOfType(
            SettingsException.class, () -> Settings.load(Map.of("TOOLGATE_CONFIG", "missing.properties"), workDir));

    assertThat(e.problems()).singleElement().asString().contains("TOOLGATE_CONFIG").contains("'missing.properties'");
  }
}
