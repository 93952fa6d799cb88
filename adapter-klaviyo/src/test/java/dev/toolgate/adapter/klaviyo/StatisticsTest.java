package dev.toolgate.adapter.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.marketing.PerformanceStats;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  private static JsonNode statistics(String json) throws Exception {
    return Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
  }

  @Test
  void readsFloatCountsAsWholeNumbersAndRevenueExactly() throws Exception {
    PerformanceStats stats = Statistics.read(statistics(
        "{\"recipients\":48210.0,\"delivered\":47632.0,\"opens\":29877.0,\"open_rate\":0.4494,\"clicks\":3120.0,"
            + "\"click_rate\":0.048,\"conversions\":412.0,\"conversion_value\":31877.45}"), "campaign X");

    assertThat(stats).isEqualTo(new PerformanceStats(48210, 47632, 29877, 0.4494, 3120, 0.048, 412, new BigDecimal("31877.45")));
  }

  @Test
  void missingAndNullStatisticsCountAsZero() throws Exception {
    PerformanceStats stats = Statistics.read(statistics("{\"recipients\":10,\"open_rate\":null}"), "flow Y");

    assertThat(stats.recipients()).isEqualTo(10);
    assertThat(stats.openRate()).isZero();
    assertThat(stats.revenue()).isEqualByComparingTo("0");
  }

  @Test
  void numbersSentAsTextAreRead() throws Exception {
    assertThat(Statistics.read(statistics("{\"clicks\":\"12\"}"), "flow Y").clicks()).isEqualTo(12);
  }

  @Test
  void ratesJustOutsideTheirBoundsAreClamped() throws Exception {
    assertThat(Statistics.read(statistics("{\"open_rate\":1.0000001}"), "c").openRate()).isEqualTo(1.0);
  }

  @Test
  void impossibleFiguresAreAPortExceptionNamingTheRow() throws Exception {
    assertThatThrownBy(() -> Statistics.read(statistics("{\"opens\":\"many\"}"), "campaign 01ABC"))
        .isInstanceOf(PortException.class).hasMessageContaining("opens").hasMessageContaining("campaign 01ABC");
    assertThatThrownBy(() -> Statistics.read(statistics("{\"delivered\":-3.0}"), "campaign 01ABC"))
        .isInstanceOf(PortException.class).hasMessageContaining("negative delivered");
    assertThatThrownBy(() -> Statistics.read(statistics("[]"), "campaign 01ABC"))
        .isInstanceOf(PortException.class);
  }
}
