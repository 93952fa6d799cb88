package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.app.http.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {
  @Test
  void readableTextOnATerminalAndJsonForMachinesByDefault() {
    assertThat(LogSettings.configurationFor(Map.of(), true)).endsWith("logback-cli-text.xml");
    assertThat(LogSettings.configurationFor(Map.of(), false)).endsWith("logback-cli.xml");
  }

  @Test
  void theFormatSettingWinsOverTheTerminalGuess() {
    assertThat(LogSettings.configurationFor(Map.of("TOOLGATE_LOG_FORMAT", "json"), true)).endsWith("logback-cli.xml");
    assertThat(LogSettings.configurationFor(Map.of("TOOLGATE_LOG_FORMAT", "TEXT"), false))
        .endsWith("logback-cli-text.xml");
  }

  @Test
  void levelsAreCheckedCaseInsensitively() {
    assertThat(LogSettings.parse(Map.of("TOOLGATE_LOG_LEVEL", " Info ")).level()).isEqualTo("info");
    assertThat(LogSettings.parse(Map.of()).level()).isNull();
  }

  @Test
  void badValuesNameTheSettingAndQuoteTheValue() {
    SettingsException e =
        catchThrowableOfType(
            SettingsException.class, () -> LogSettings.parse(Map.of("TOOLGATE_LOG_LEVEL", "loud")));

    assertThat(e.problems()).singleElement().asString().startsWith("TOOLGATE_LOG_LEVEL").contains("'loud'");
  }

  @Test
  void theAccessLogIsOnUnlessTurnedOff() {
    assertThat(LogSettings.parse(Map.of()).accessLog()).isTrue();
    assertThat(LogSettings.parse(Map.of("TOOLGATE_ACCESS_LOG", "on")).accessLog()).isTrue();
    assertThat(LogSettings.parse(Map.of("TOOLGATE_ACCESS_LOG", " OFF ")).accessLog()).isFalse();
    SettingsException e =
        catchThrowableOfType(SettingsException.class, () -> LogSettings.parse(Map.of("TOOLGATE_ACCESS_LOG", "no")));
    assertThat(e.problems()).singleElement().asString().startsWith("TOOLGATE_ACCESS_LOG").contains("'no'");
  }

  @Test
  void bothConfigurationFilesExist() {
    for (String resource : new String[] {
      LogSettings.configurationFor(Map.of(), true), LogSettings.configurationFor(Map.of(), false)
    }) {
      assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
    }
  }
}
