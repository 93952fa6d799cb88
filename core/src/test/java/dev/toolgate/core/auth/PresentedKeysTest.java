package dev.toolgate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PresentedKeysTest {
  private static String key(Map<String, String> headers) {
    return PresentedKeys.from(headers::get);
  }

  @Test
  void bearerWinsThenXApiKeyThenXProxyKey() {
    assertThat(key(Map.of("Authorization", "Bearer tg_a", "X-API-Key", "tg_b"))).isEqualTo("tg_a");
    assertThat(key(Map.of("Authorization", "bearer  tg_a "))).isEqualTo("tg_a");
    assertThat(key(Map.of("X-API-Key", " tg_b", "X-Proxy-Key", "tg_c"))).isEqualTo("tg_b");
    assertThat(key(Map.of("X-Proxy-Key", "tg_c"))).isEqualTo("tg_c");
  }

  @Test
  void otherSchemesAndBlankValuesPresentNoKey() {
    assertThat(key(Map.of("Authorization", "Basic dXNlcjpwdw=="))).isNull();
    assertThat(key(Map.of("Authorization", "Bearer "))).isNull();
    assertThat(key(Map.of("X-API-Key", "  "))).isNull();
    assertThat(key(Map.of())).isNull();
  }
}
