package dev.toolgate.core.chat;

import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.Channel;
import dev.toolgate.ports.marketing.ConversionMetric;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowPerformance;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.marketing.Provenance;
import dev.toolgate.ports.marketing.UpstreamCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Klaviyo adapter: a fixed euro account with two campaigns and one flow, reported
 * with upstream request ids; it records the accounts it was asked about and can refuse their key.
 */
final class StandInAnalytics implements MarketingAnalytics {
  static final PerformanceStats SPRING =
      new PerformanceStats(10_000, 9_800, 5_000, 0.41, 600, 0.045, 52, new BigDecimal("4210.40"));
  static final PerformanceStats EASTER =
      new PerformanceStats(8_000, 7_900, 3_100, 0.33, 300, 0.027, 19, new BigDecimal("1399.95"));

  final List<MarketingAccount> accounts = new CopyOnWriteArrayList<>();
  volatile boolean refuseKey;

  @Override
  public CampaignReport campaignPerformance(MarketingAccount account, DateRange range) {
    accounts.add(account);
    if (refuseKey) {
      throw new MarketingCredentialsException(account.clientKey(), "Klaviyo refused the API key of client '" + account.clientKey() + "' (401)");
    }
    List<CampaignPerformance> campaigns = new ArrayList<>();
    campaigns.add(new CampaignPerformance("01HSPRING", "Spring Sale", Channel.EMAIL, range.startInstant().plusSeconds(3600), SPRING));
    campaigns.add(new CampaignPerformance("01HEASTER", "Easter Teaser", Channel.EMAIL, range.startInstant().plusSeconds(7200), EASTER));
    return new CampaignReport(
        account.clientKey(), range, Currency.getInstance("EUR"),
        new ConversionMetric("VqXtMa", "Placed Order", "shopify"), campaigns, provenance());
  }

  @Override
  public FlowReport flowPerformance(MarketingAccount account, DateRange range) {
    accounts.add(account);
    return new FlowReport(
        account.clientKey(), range, Currency.getInstance("EUR"), null,
        List.of(new FlowPerformance("XyZ123", "Welcome", Set.of(Channel.EMAIL), SPRING)), provenance());
  }

  private static Provenance provenance() {
    return new Provenance(
        "klaviyo", false, "2026-07-15", ZoneId.of("America/New_York"),
        List.of(
            new UpstreamCall("POST /api/campaign-values-reports", 200, "req-up-1", 2, Duration.ofMillis(1200)),
            new UpstreamCall("GET /api/campaigns", 200, "req-up-2", 1, Duration.ofMillis(80))),
        Duration.ofMillis(1300), List.of("currency read from the account"));
  }
}
