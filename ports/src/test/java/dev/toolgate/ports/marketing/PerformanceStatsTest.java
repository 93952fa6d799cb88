package dev.toolgate.ports.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerformanceStatsTest {
  private static final PerformanceStats A = new PerformanceStats(1000, 900, 500, 0.5, 90, 0.1, 9, new BigDecimal("120.10"));
  private static final PerformanceStats B = new PerformanceStats(300, 100, 20, 0.2, 5, 0.05, 1, new BigDecimal("0.90"));

  @Test
  void sumAddsCountsAndRevenueExactlyAndWeightsRatesByDelivered() {
    PerformanceStats sum = PerformanceStats.sum(List.of(A, B));

    assertThat(sum.recipients()).isEqualTo(1300);
    assertThat(sum.delivered()).isEqualTo(1000);
    assertThat(sum.opens()).isEqualTo(520);
    assertThat(sum.clicks()).isEqualTo(95);
    assertThat(sum.conversions()).isEqualTo(10);
    assertThat(sum.revenue()).isEqualByComparingTo("121.00");
    // (0.5 * 900 + 0.2 * 100) / 1000 unique opens per delivered message
    assertThat(sum.openRate()).isCloseTo(0.47, within(1e-12));
    assertThat(sum.clickRate()).isCloseTo(0.095, within(1e-12));
  }

  @Test
  void nothingSumsToZero() {
    assertThat(PerformanceStats.sum(List.of())).isEqualTo(PerformanceStats.ZERO);
    assertThat(PerformanceStats.ZERO.plus(PerformanceStats.ZERO).openRate()).isZero();
  }

  @Test
  void impossibleFiguresAreRefusedWithTheValue() {
    assertThatThrownBy(() -> new PerformanceStats(-1, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO)).hasMessageContaining("-1");
    assertThatThrownBy(() -> new PerformanceStats(0, 0, 0, 47, 0, 0, 0, BigDecimal.ZERO)).hasMessageContaining("47");
    assertThatThrownBy(() -> new PerformanceStats(0, 0, 0, Double.NaN, 0, 0, 0, BigDecimal.ZERO))
        .hasMessageContaining("NaN");
  }

  @Test
  void reportsOrderTheirRowsAndTotalThem() {
    ZoneId utc = ZoneId.of("UTC");
    DateRange range = DateRange.ofInclusive(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 7), utc);
    Provenance provenance = new Provenance("sample", true, null, utc, List.of(), Duration.ZERO, List.of());
    CampaignPerformance older = new CampaignPerformance("c1", "Older", Channel.EMAIL, Instant.parse("2026-07-02T10:00:00Z"), A);
    CampaignPerformance newer = new CampaignPerformance("c2", "Newer", Channel.SMS, Instant.parse("2026-07-05T10:00:00Z"), B);
    CampaignPerformance unknown = new CampaignPerformance("c0", "Unknown", Channel.EMAIL, null, B);

    CampaignReport report = new CampaignReport(
        "acme", range, Currency.getInstance("EUR"), null, List.of(unknown, older, newer), provenance);

    assertThat(report.campaigns()).containsExactly(newer, older, unknown);
    assertThat(report.totals()).isEqualTo(PerformanceStats.sum(List.of(A, B, B)));

    FlowReport flows = new FlowReport("acme", range, Currency.getInstance("EUR"), null, List.of(
        new FlowPerformance("f2", "Welcome", Set.of(Channel.EMAIL), A),
        new FlowPerformance("f1", "Abandoned Cart", Set.of(Channel.EMAIL, Channel.SMS), B)), provenance);
    assertThat(flows.flows()).extracting(FlowPerformance::name).containsExactly("Abandoned Cart", "Welcome");
    assertThatThrownBy(() -> new CampaignReport(
            "acme", range, Currency.getInstance("EUR"), null, List.of(older, older), provenance))
        .hasMessageContaining("unique");
  }

  @Test
  void upstreamChannelNamesMapToChannels() {
    assertThat(Channel.fromUpstream("push-notification")).isEqualTo(Channel.PUSH);
    assertThat(Channel.fromUpstream("mobile_push")).isEqualTo(Channel.PUSH);
    assertThat(Channel.fromUpstream("EMAIL")).isEqualTo(Channel.EMAIL);
    assertThat(Channel.fromUpstream("carrier-pigeon")).isEqualTo(Channel.OTHER);
    assertThat(Channel.fromUpstream(null)).isEqualTo(Channel.OTHER);
  }
}
