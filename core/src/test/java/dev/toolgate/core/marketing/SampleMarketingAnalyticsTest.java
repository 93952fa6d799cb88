package dev.toolgate.core.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.testing.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SampleMarketingAnalyticsTest {
  private static final MarketingAccount DEMO = new MarketingAccount("demo", "sample");
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");

  private static DateRange range(String first, String last, String zone) {
    return DateRange.ofInclusive(LocalDate.parse(first), LocalDate.parse(last), ZoneId.of(zone));
  }

  @Test
  void sameRangeGivesTheSameReportEveryTime() {
    DateRange october = range("2026-10-01", "2026-10-31", "UTC");

    assertThat(new SampleMarketingAnalytics(new MutableClock(NOW)).campaignPerformance(DEMO, october))
        .isEqualTo(new SampleMarketingAnalytics(new MutableClock(NOW)).campaignPerformance(DEMO, october));
  }

  @Test
  void campaignsAreSentOnTheirWeekdaysAtLocalTimesOfTheRangesZone() {
    SampleMarketingAnalytics sample = new SampleMarketingAnalytics(new MutableClock(NOW));

    CampaignReport week = sample.campaignPerformance(DEMO, range("2026-10-26", "2026-11-01", "Asia/Tokyo"));

    assertThat(week.campaigns())
        .extracting(c -> c.sendTime().atZone(ZoneId.of("Asia/Tokyo")).getDayOfWeek().toString())
        .containsExactlyInAnyOrder("TUESDAY", "THURSDAY", "FRIDAY");
    assertThat(week.campaigns()).allSatisfy(c -> assertThat(c.id()).startsWith("sample-cmp-2026"));
    assertThat(week.provenance().sampleData()).isTrue();
    assertThat(week.provenance().source()).isEqualTo("sample");
    assertThat(week.currency().getCurrencyCode()).isEqualTo("USD");
  }

  @Test
  void sendsAVipSmsOnTheFirstSaturdayOfAMonthOnly() {
    SampleMarketingAnalytics sample = new SampleMarketingAnalytics(new MutableClock(NOW));

    CampaignReport october = sample.campaignPerformance(DEMO, range("2026-10-01", "2026-10-31", "UTC"));

    assertThat(october.campaigns()).filteredOn(c -> c.name().startsWith("VIP Preview SMS"))
        .extracting(CampaignPerformance::name).containsExactly("VIP Preview SMS (Oct 3)");
  }

  @Test
  void reportsNothingAfterNow() {
    // Thursday 15:00 Berlin is 14:00 UTC: the promotion is out, nothing after it.
    SampleMarketingAnalytics sample = new SampleMarketingAnalytics(new MutableClock(NOW));

    CampaignReport today = sample.campaignPerformance(DEMO, range("2026-11-05", "2026-11-06", "Europe/Berlin"));
    CampaignReport future = sample.campaignPerformance(DEMO, range("2026-11-09", "2026-11-15", "UTC"));
    FlowReport futureFlows = sample.flowPerformance(DEMO, range("2026-11-09", "2026-11-15", "UTC"));

    assertThat(today.campaigns()).extracting(CampaignPerformance::id).containsExactly("sample-cmp-20261105b");
    assertThat(future.campaigns()).isEmpty();
    assertThat(futureFlows.flows()).isEmpty();
  }

  @Test
  void winBackFlowSendsOnlyOnMondays() {
    SampleMarketingAnalytics sample = new SampleMarketingAnalytics(new MutableClock(NOW));

    FlowReport tuesday = sample.flowPerformance(DEMO, range("2026-11-03", "2026-11-03", "UTC"));
    FlowReport monday = sample.flowPerformance(DEMO, range("2026-11-02", "2026-11-02", "UTC"));

    assertThat(tuesday.flows()).extracting(f -> f.name()).doesNotContain("Win-back").hasSize(4);
    assertThat(monday.flows()).extracting(f -> f.name()).contains("Win-back").hasSize(5);
  }
}
