package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
