package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpAccessTest {
  private final HttpAccess defaults = new HttpAccess(List.of(), List.of());
  private final HttpAccess configured =
      new HttpAccess(List.of("https://app.example.com"), List.of("gateway.internal:8443", "mcp.example.com:*"));

  @Test
  void loopbackNamesOnTheServersPortAreAllowedAsHosts() {
    assertThat(defaults.hostAllowed("127.0.0.1:8080", 8080)).isTrue();
    assertThat(defaults.hostAllowed("LOCALHOST:8080", 8080)).isTrue();
    assertThat(defaults.hostAllowed("[::1]:8080", 8080)).isTrue();
    assertThat(defaults.hostAllowed("localhost", 80)).isTrue();
  }

  @Test
  void otherHostsOtherPortsAndNoHostAreRefused() {
    assertThat(defaults.hostAllowed("evil.example:8080", 8080)).isFalse();
    assertThat(defaults.hostAllowed("localhost:9090", 8080)).isFalse();
    assertThat(defaults.hostAllowed("localhost", 8080)).isFalse();
    assertThat(defaults.hostAllowed(null, 8080)).isFalse();
    assertThat(defaults.hostAllowed(" ", 8080)).isFalse();
  }

  @Test
  void configuredHostsAreAllowedExactlyOrOnAnyPort() {
    assertThat(configured.hostAllowed("gateway.internal:8443", 8080)).isTrue();
    assertThat(configured.hostAllowed("gateway.internal:8444", 8080)).isFalse();
    assertThat(configured.hostAllowed("mcp.example.com", 8080)).isTrue();
    assertThat(configured.hostAllowed("mcp.example.com:443", 8080)).isTrue();
    assertThat(configured.hostAllowed("mcp.example.com.evil.example", 8080)).isFalse();
  }

  @Test
  void loopbackOriginsOnTheServersPortAndConfiguredOriginsAreAllowed() {
    assertThat(defaults.originAllowed("http://localhost:8080", 8080)).isTrue();
    assertThat(defaults.originAllowed("http://127.0.0.1:8080", 8080)).isTrue();
    assertThat(configured.originAllowed("https://app.example.com", 8080)).isTrue();
  }

  @Test
  void foreignOpaqueAndOtherPortOriginsAreRefused() {
    assertThat(defaults.originAllowed("http://evil.example", 8080)).isFalse();
    assertThat(defaults.originAllowed("null", 8080)).isFalse();
    assertThat(defaults.originAllowed("http://localhost:3000", 8080)).isFalse();
    assertThat(configured.originAllowed("https://app.example.com.evil.example", 8080)).isFalse();
  }
}
