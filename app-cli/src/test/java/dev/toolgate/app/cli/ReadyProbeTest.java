package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadyProbeTest {
  @Test
  void readsTheStatusOfTheFirstLine() throws IOException {
    assertThat(ReadyProbe.status(stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}"))).isEqualTo(200);
    assertThat(ReadyProbe.status(stream("HTTP/1.1 503 Service Unavailable\r\n\r\n"))).isEqualTo(503);
  }

  @Test
  void somethingElseThanHttpIsNamedInTheError() {
    assertThatThrownBy(() -> ReadyProbe.status(stream("SSH-2.0-OpenSSH_9.2\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessage("not an HTTP response: 'SSH-2.0-OpenSSH_9.2'");
    assertThatThrownBy(() -> ReadyProbe.status(stream("HTTP/1.1 OK\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessage("not an HTTP status: 'HTTP/1.1 OK'");
    assertThatThrownBy(() -> ReadyProbe.status(stream(""))).isInstanceOf(IOException.class);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
