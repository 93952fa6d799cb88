package dev.toolgate.ports.marketing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The figures of one campaign, one flow, or a total of several.
 *
 * <p>Rates are fractions in {@code [0, 1]} as the upstream defines them (Klaviyo: unique opens or
 * unique clicks per delivered message), not percentages.
 *
 * @param recipients messages addressed
 * @param delivered messages delivered
 * @param opens opens (all, not unique)
 * @param openRate unique opens / delivered
 * @param clicks clicks (all, not unique)
 * @param clickRate unique clicks / delivered
 * @param conversions conversions attributed to the messages, counted on the report's conversion metric;
 *     zero when the report has no conversion metric
 * @param revenue value of those conversions in the account's currency; zero when there is no
 *     conversion metric; never null
 */
public record PerformanceStats(
    long recipients,
    long delivered,
    long opens,
    double openRate,
    long clicks,
    double clickRate,
    long conversions,
    BigDecimal revenue) {

  /** No sends. */
  public static final PerformanceStats ZERO = new PerformanceStats(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

  public PerformanceStats {
    requireCount("recipients", recipients);
    requireCount("delivered", delivered);
    requireCount("opens", opens);
    requireCount("clicks", clicks);
    requireCount("conversions", conversions);
    requireRate("openRate", openRate);
    requireRate("clickRate", clickRate);
    Objects.requireNonNull(revenue, "revenue");
  }

  /**
   * This plus {@code other}: counts and revenue add up; each rate is the delivered-weighted mean of
   * the two, which is exactly the combined rate when each rate is "uniques / delivered".
   */
  public PerformanceStats plus(PerformanceStats other) {
    long totalDelivered = delivered + other.delivered;
    return new PerformanceStats(
        recipients + other.recipients,
        totalDelivered,
        opens + other.opens,
        weighted(openRate, delivered, other.openRate, other.delivered),
        clicks + other.clicks,
        weighted(clickRate, delivered, other.clickRate, other.delivered),
        conversions + other.conversions,
        revenue.add(other.revenue));
  }

  /** The sum of many, {@link #ZERO} for none. */
  public static PerformanceStats sum(Iterable<PerformanceStats> all) {
    PerformanceStats total = ZERO;
    for (PerformanceStats stats : all) {
      total = total.plus(stats);
    }
    return total;
  }

  private static double weighted(double a, long weightA, double b, long weightB) {
    long weight = weightA + weightB;
    if (weight == 0) {
      return 0;
    }
    // Rounding could otherwise nudge a mean of rates equal to 1 just past it.
    return Math.min(1, (a * weightA + b * weightB) / weight);
  }

  private static void requireCount(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  private static void requireRate(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + value);
    }
  }
}
