package dev.toolgate.adapter.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.adapter.klaviyo.KlaviyoConfig.RequestLimit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KlaviyoConfigTest {

  @Test
  void defaultsFollowKlaviyosPublishedReportLimitsAndRevision() {
    KlaviyoConfig config = KlaviyoConfig.defaults();

    assertThat(config.baseUri()).isEqualTo(URI.create("https://a.klaviyo.com"));
    assertThat(config.revision()).isEqualTo("2026-07-15");
    assertThat(config.reportLimits()).containsExactly(
        new RequestLimit(1, Duration.ofSeconds(1)), new RequestLimit(2, Duration.ofMinutes(1)));
    assertThat(config.conversionMetricName()).isEqualTo("Placed Order");
    assertThat(config.maxAttempts()).isEqualTo(3);
  }

  @Test
  void trailingSlashOfTheBaseUriIsDropped() {
    assertThat(KlaviyoConfig.custom().baseUri("http://127.0.0.1:8080/").build().baseUri())
        .isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void fromCopiesEverySetting() {
    KlaviyoConfig original = KlaviyoConfig.custom().maxAttempts(5).limiterMaxWait(Duration.ofSeconds(3)).build();

    assertThat(KlaviyoConfig.from(original).build()).hasToString(original.toString());
  }

  @Test
  void badValuesAreRejectedWithTheValueQuoted() {
    assertThatThrownBy(() -> KlaviyoConfig.custom().baseUri("ftp://a.klaviyo.com").build())
        .hasMessageContaining("'ftp://a.klaviyo.com'");
    assertThatThrownBy(() -> KlaviyoConfig.custom().baseUri("https://a.klaviyo.com/api").build())
        .hasMessageContaining("'https://a.klaviyo.com/api'");
    assertThatThrownBy(() -> KlaviyoConfig.custom().baseUri("not a uri").build())
        .hasMessageContaining("'not a uri'");
    assertThatThrownBy(() -> KlaviyoConfig.custom().revision("July 2026").build())
        .hasMessageContaining("'July 2026'");
    assertThatThrownBy(() -> KlaviyoConfig.custom().maxAttempts(0).build()).hasMessageContaining("got 0");
    assertThatThrownBy(() -> KlaviyoConfig.custom().requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> KlaviyoConfig.custom().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
        .hasMessageContaining("PT1S").hasMessageContaining("PT2S");
    assertThatThrownBy(() -> KlaviyoConfig.custom().reportLimits(List.of()).build())
        .hasMessageContaining("reportLimits");
    assertThatThrownBy(() -> new RequestLimit(0, Duration.ofSeconds(1))).hasMessageContaining("got 0");
    assertThatThrownBy(() -> KlaviyoConfig.custom().conversionMetricName(" ").build())
        .hasMessageContaining("' '");
  }

  @Test
  void betaRevisionsAreAccepted() {
    assertThat(KlaviyoConfig.custom().revision("2026-10-15.pre").build().revision()).isEqualTo("2026-10-15.pre");
  }
}
