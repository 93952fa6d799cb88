package dev.toolgate.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.adapter.llm.testing.Fixtures;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new java.util.HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }

  @Test
  void prefersMillisecondsThenSeconds() {
    assertThat(RetryAfter.of(headers(Map.of("retry-after-ms", "250", "retry-after", "9")), ""))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(RetryAfter.of(headers(Map.of("retry-after", "2")), "")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void readsGeminiRetryInfoFromTheBody() {
    String body = Fixtures.text("gemini/error-429.json");
    assertThat(RetryAfter.of(headers(Map.of()), body)).isEqualTo(Duration.ofSeconds(21));
  }

  @Test
  void nothingReadableIsNull() {
    assertThat(RetryAfter.of(headers(Map.of("retry-after", "soon")), "{}")).isNull();
    assertThat(RetryAfter.of(headers(Map.of()), "not json RetryInfo")).isNull();
  }
}
