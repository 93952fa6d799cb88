package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.util.JavalinBindException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Javalin calls every bind failure "port already in use"; the operator gets the real reason, from the
 * socket's own message, and the setting to change.
 */
class ServerStartFailureTest {
  private static final Settings SETTINGS =
      Settings.load(Map.of("TOOLGATE_HOST", "10.9.8.7", "PORT", "8080"), Path.of("/nonexistent-toolgate-workdir"));

  private static String sentence(String socketMessage) {
    return ToolgateServer.startFailure(
            SETTINGS, new JavalinBindException("Port already in use.", new BindException(socketMessage)))
        .getMessage();
  }

  @Test
  void aTakenPortSaysSoAndHowToChooseAnother() {
    assertThat(sentence("Address already in use"))
        .isEqualTo("cannot listen on 10.9.8.7:8080: the port is already in use; stop the other process or choose"
            + " another port (--port or PORT)");
  }

  @Test
  void anAddressOfAnotherMachineNamesTheHostSettingNotThePort() {
    assertThat(sentence("Cannot assign requested address"))
        .contains("10.9.8.7 is not an address of this machine")
        .contains("TOOLGATE_HOST")
        .doesNotContain("in use");
  }

  @Test
  void aPrivilegedPortSaysWhy() {
    assertThat(sentence("Permission denied")).contains("below 1024");
  }
}
