package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-related settings: where the master key lives and where Klaviyo is. */
class MarketingSettingsTest {
  private static final Path NOWHERE = Path.of("/nonexistent-toolgate-workdir");

  @Test
  void keepsTheMasterKeyInTheDataDirectoryAndTalksToKlaviyoByDefault() {
    Settings settings = Settings.load(Map.of(), NOWHERE);

    assertThat(settings.masterKeyFile()).isNull();
    assertThat(settings.masterKeyPath()).isEqualTo(NOWHERE.resolve("data/master.key"));
    assertThat(settings.withDataDir(Path.of("/elsewhere")).masterKeyPath()).isEqualTo(Path.of("/elsewhere/master.key"));
    assertThat(settings.klaviyoBaseUri()).isEqualTo(URI.create("https://a.klaviyo.com"));
  }

  @Test
  void readsTheMasterKeyFileAndKlaviyoBaseUrl() {
    Settings settings =
        Settings.load(
            Map.of("TOOLGATE_MASTER_KEY_FILE", "secrets/toolgate.key", "TOOLGATE_KLAVIYO_BASE_URL", "http://127.0.0.1:9000/"),
            NOWHERE);

    assertThat(settings.masterKeyPath()).isEqualTo(NOWHERE.resolve("secrets/toolgate.key"));
    assertThat(settings.withDataDir(Path.of("/elsewhere")).masterKeyPath()).isEqualTo(NOWHERE.resolve("secrets/toolgate.key"));
    assertThat(settings.klaviyoBaseUri()).isEqualTo(URI.create("http://127.0.0.1:9000"));
  }

  @Test
  void namesABadKlaviyoBaseUrl() {
    SettingsException e =
        catchThrowableOfType(
            SettingsException.class,
            () -> Settings.load(Map.of("TOOLGATE_KLAVIYO_BASE_URL", "ftp://a.klaviyo.com/api"), NOWHERE));

    assertThat(e.problems()).singleElement().asString().startsWith("TOOLGATE_KLAVIYO_BASE_URL: ").contains("ftp://a.klaviyo.com/api");
  }
}
