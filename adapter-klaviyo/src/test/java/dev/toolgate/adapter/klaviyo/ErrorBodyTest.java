package dev.toolgate.adapter.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

  @Test
  void summarisesEveryErrorOfTheEnvelopeWithItsPointer() {
    ErrorBody errors = ErrorBody.parse(Fixtures.text("error-400.json"));

    assertThat(errors.items()).hasSize(2);
    assertThat(errors.summary())
        .isEqualTo("invalid: 'revenue' is not a valid choice for 'statistics'. (at /data/attributes/statistics/0); "
            + "invalid: 'unique_recipients' is not a valid choice for 'statistics'. (at /data/attributes/statistics/1)");
  }

  @Test
  void readsTheParameterWhenThereIsNoPointer() {
    ErrorBody errors = ErrorBody.parse(Fixtures.text("error-400-include-param.json"));

    assertThat(errors.pointsAt("include")).isTrue();
  }

  @Test
  void recognisesAnIneligibleConversionMetric() {
    assertThat(ErrorBody.parse(Fixtures.text("error-400-conversion-metric.json"))
            .pointsAt("/data/attributes/conversion_metric_id"))
        .isTrue();
    assertThat(ErrorBody.parse(Fixtures.text("error-400.json")).pointsAt("/data/attributes/conversion_metric_id"))
        .isFalse();
  }

  @Test
  void readsTheSecondsOfAThrottledDetail() {
    assertThat(ErrorBody.parse(Fixtures.text("error-429.json")).availableIn()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ErrorBody.parse(
            "{\"errors\":[{\"code\":\"throttled\",\"detail\":\"Request was throttled. Expected available in 37 seconds.\"}]}")
        .availableIn()).isEqualTo(Duration.ofSeconds(37));
    assertThat(ErrorBody.parse(Fixtures.text("error-401.json")).availableIn()).isNull();
  }

  @Test
  void describesHtmlFromTheCdnByItsTitle() {
    ErrorBody errors = ErrorBody.parse("<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head></html>");

    assertThat(errors.items()).isEmpty();
    assertThat(errors.summary()).isEqualTo("a non-JSON (HTML) body titled \"Just a moment...\"");
  }

  @Test
  void keepsOtherBodiesShortAndOnOneLine() {
    String summary = ErrorBody.parse("line one\nline\ttwo " + "x".repeat(500)).summary();

    assertThat(summary).startsWith("a non-JSON body: line one line two").doesNotContain("\n").hasSizeLessThan(200);
    assertThat(ErrorBody.parse("").summary()).isEqualTo("an empty body");
    assertThat(ErrorBody.parse("{\"message\":\"nope\"}").summary()).contains("without errors[]");
  }
}
