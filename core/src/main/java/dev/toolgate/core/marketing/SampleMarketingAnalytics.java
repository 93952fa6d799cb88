package dev.toolgate.core.marketing;

import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.Channel;
import dev.toolgate.ports.marketing.ConversionMetric;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowPerformance;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingAnalytics;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.marketing.Provenance;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A built-in, clearly labelled sample data set for the zero-setup {@code demo} client: an imaginary
 * apparel shop that e-mails a newsletter every Tuesday, a promotion every Thursday and weekend picks
 * every Friday, sends an SMS preview to VIPs on the first Saturday of each month, and runs five
 * automated flows.
 *
 * <p>Deterministic: every figure is derived from the calendar date alone, so the same range always
 * yields the same report, in any time zone (campaigns are sent at fixed local times in the range's
 * zone). Nothing is reported after the clock's current instant. Every report's provenance says
 * {@code source = sample} and {@code sampleData = true}. The account's currency is USD.
 */
public final class SampleMarketingAnalytics implements MarketingAnalytics {
  /** The provenance source of every sample report. */
  public static final String SOURCE = "sample";

  static final Currency CURRENCY = Currency.getInstance("USD");
  static final ConversionMetric PLACED_ORDER = new ConversionMetric("sample-placed-order", "Placed Order", "sample");
  static final String NOTE =
      "Built-in sample data set of an imaginary shop (deterministic); not a real account's figures.";

  private static final long SEED = 0x5EED_2026L;

  private static final List<String> PROMOTIONS =
      List.of(
          "Free Shipping Weekend",
          "New Arrivals: Knitwear",
          "Autumn Boots Flash Sale",
          "Customer Favourites",
          "Back in Stock",
          "Members-Only Early Access",
          "Last Chance: Clearance",
          "Gift Guide Preview");

  /** The automated flows: name, channels, daily recipients, and whether it sends only on Mondays. */
  private record Flow(String id, String name, Set<Channel> channels, int dailyRecipients, boolean mondaysOnly) {}

  private static final List<Flow> FLOWS =
      List.of(
          new Flow("sample-flow-welcome", "Welcome Series", EnumSet.of(Channel.EMAIL), 140, false),
          new Flow("sample-flow-cart", "Abandoned Cart", EnumSet.of(Channel.EMAIL, Channel.SMS), 90, false),
          new Flow("sample-flow-browse", "Browse Abandonment", EnumSet.of(Channel.EMAIL), 170, false),
          new Flow("sample-flow-thanks", "Post-Purchase Thank You", EnumSet.of(Channel.EMAIL), 60, false),
          new Flow("sample-flow-winback", "Win-back", EnumSet.of(Channel.EMAIL), 400, true));

  private final Clock clock;

  public SampleMarketingAnalytics(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CampaignReport campaignPerformance(MarketingAccount account, DateRange range) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(range, "range");
    Instant now = clock.instant();
    List<CampaignPerformance> campaigns = new ArrayList<>();
    for (LocalDate day = range.start(); day.isBefore(range.endExclusive()); day = day.plusDays(1)) {
      for (CampaignPerformance campaign : campaignsOn(day, range)) {
        if (!campaign.sendTime().isAfter(now)) {
          campaigns.add(campaign);
        }
      }
    }
    return new CampaignReport(account.clientKey(), range, CURRENCY, PLACED_ORDER, campaigns, provenance(range));
  }

  @Override
  public FlowReport flowPerformance(MarketingAccount account, DateRange range) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(range, "range");
    Instant now = clock.instant();
    List<FlowPerformance> flows = new ArrayList<>();
    for (int f = 0; f < FLOWS.size(); f++) {
      Flow flow = FLOWS.get(f);
      List<PerformanceStats> days = new ArrayList<>();
      for (LocalDate day = range.start(); day.isBefore(range.endExclusive()); day = day.plusDays(1)) {
        boolean sends = !flow.mondaysOnly() || day.getDayOfWeek() == DayOfWeek.MONDAY;
        // A day counts once it has begun where the client is; its figures are the whole day's.
        if (sends && !day.atStartOfDay(range.zone()).toInstant().isAfter(now)) {
          days.add(stats(random(day, 100 + f), flow.dailyRecipients(), 0.45, 0.06, 0.12));
        }
      }
      if (!days.isEmpty()) {
        flows.add(new FlowPerformance(flow.id(), flow.name(), flow.channels(), PerformanceStats.sum(days)));
      }
    }
    return new FlowReport(account.clientKey(), range, CURRENCY, PLACED_ORDER, flows, provenance(range));
  }

  private static List<CampaignPerformance> campaignsOn(LocalDate day, DateRange range) {
    List<CampaignPerformance> sent = new ArrayList<>();
    String label = day.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + day.getDayOfMonth();
    switch (day.getDayOfWeek()) {
      case TUESDAY ->
          sent.add(campaign(day, "a", "Weekly Newsletter (" + label + ")", Channel.EMAIL, LocalTime.of(10, 0), range,
              stats(random(day, 1), 12_000, 0.38, 0.025, 0.05)));
      case THURSDAY -> {
        String promotion = PROMOTIONS.get((int) Math.floorMod(day.toEpochDay() / 7, PROMOTIONS.size()));
        sent.add(campaign(day, "b", promotion + " (" + label + ")", Channel.EMAIL, LocalTime.of(15, 0), range,
            stats(random(day, 2), 10_000, 0.34, 0.035, 0.09)));
      }
      case FRIDAY ->
          sent.add(campaign(day, "d", "Weekend Picks (" + label + ")", Channel.EMAIL, LocalTime.of(8, 30), range,
              stats(random(day, 4), 9_000, 0.36, 0.03, 0.07)));
      case SATURDAY -> {
        if (day.getDayOfMonth() <= 7) {
          sent.add(campaign(day, "c", "VIP Preview SMS (" + label + ")", Channel.SMS, LocalTime.of(11, 0), range,
              sms(random(day, 3))));
        }
      }
      default -> {
        // no campaign on other days
      }
    }
    return sent;
  }

  private static CampaignPerformance campaign(
      LocalDate day, String slot, String name, Channel channel, LocalTime at, DateRange range, PerformanceStats stats) {
    String id = "sample-cmp-" + day.toString().replace("-", "") + slot;
    return new CampaignPerformance(id, name, channel, day.atTime(at).atZone(range.zone()).toInstant(), stats);
  }

  private static SplittableRandom random(LocalDate day, int stream) {
    return new SplittableRandom(SEED ^ (day.toEpochDay() * 1_000_003L + stream));
  }

  /**
   * E-mail figures around the given base values: rates are "uniques / delivered", as Klaviyo defines
   * them, so that totals recombine exactly.
   */
  private static PerformanceStats stats(
      SplittableRandom r, int baseRecipients, double baseOpenRate, double baseClickRate, double baseConversion) {
    long recipients = baseRecipients + r.nextInt(baseRecipients / 2 + 1);
    long delivered = recipients - Math.round(recipients * (0.004 + r.nextDouble() * 0.02));
    long uniqueOpens = Math.round(delivered * (baseOpenRate + r.nextDouble() * 0.12));
    long opens = Math.round(uniqueOpens * (1.2 + r.nextDouble() * 0.4));
    long uniqueClicks = Math.round(delivered * (baseClickRate + r.nextDouble() * 0.02));
    long clicks = Math.round(uniqueClicks * (1.15 + r.nextDouble() * 0.5));
    long conversions = Math.round(uniqueClicks * (baseConversion + r.nextDouble() * 0.06));
    BigDecimal revenue = BigDecimal.ZERO.setScale(2);
    for (long order = 0; order < conversions; order++) {
      revenue = revenue.add(BigDecimal.valueOf(3_500 + r.nextInt(12_000), 2));
    }
    return new PerformanceStats(
        recipients, delivered, opens, rate(uniqueOpens, delivered), clicks, rate(uniqueClicks, delivered),
        conversions, revenue);
  }

  /** SMS has no opens; clicks are on the message's link. */
  private static PerformanceStats sms(SplittableRandom r) {
    long recipients = 2_000 + r.nextInt(800);
    long delivered = recipients - Math.round(recipients * (0.01 + r.nextDouble() * 0.03));
    long uniqueClicks = Math.round(delivered * (0.06 + r.nextDouble() * 0.05));
    long clicks = Math.round(uniqueClicks * 1.1);
    long conversions = Math.round(uniqueClicks * (0.1 + r.nextDouble() * 0.05));
    BigDecimal revenue = BigDecimal.ZERO.setScale(2);
    for (long order = 0; order < conversions; order++) {
      revenue = revenue.add(BigDecimal.valueOf(4_500 + r.nextInt(9_000), 2));
    }
    return new PerformanceStats(recipients, delivered, 0, 0, clicks, rate(uniqueClicks, delivered), conversions, revenue);
  }

  private static double rate(long uniques, long delivered) {
    return delivered == 0 ? 0 : Math.min(1, (double) uniques / delivered);
  }

  private static Provenance provenance(DateRange range) {
    return new Provenance(SOURCE, true, null, range.zone(), List.of(), Duration.ZERO, List.of(NOTE));
  }
}
