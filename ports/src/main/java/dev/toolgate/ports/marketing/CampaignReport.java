package dev.toolgate.ports.marketing;

import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Campaign performance of one account over a range.
 *
 * @param clientKey the client the account belongs to
 * @param range the range asked for
 * @param currency the account's currency; {@code revenue} figures are in it
 * @param conversionMetric the metric conversions and revenue are counted on, or null when the account
 *     has none usable (then every {@code conversions} and {@code revenue} is zero because it was not
 *     measured, and {@link Provenance#notes()} says why)
 * @param campaigns one row per campaign sent in the range; the constructor orders them newest send
 *     first (unknown send times last), then by id
 * @param provenance where the numbers came from
 */
public record CampaignReport(
    String clientKey,
    DateRange range,
    Currency currency,
    ConversionMetric conversionMetric,
    List<CampaignPerformance> campaigns,
    Provenance provenance) {

  private static final Comparator<CampaignPerformance> NEWEST_FIRST =
      Comparator.comparing(
              CampaignPerformance::sendTime, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(CampaignPerformance::id);

  public CampaignReport {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(provenance, "provenance");
    campaigns = campaigns.stream().sorted(NEWEST_FIRST).toList();
    long distinct = campaigns.stream().map(CampaignPerformance::id).distinct().count();
    if (distinct != campaigns.size()) {
      throw new IllegalArgumentException("campaign ids must be unique within a report: " + campaigns);
    }
  }

  /** All campaigns summed (see {@link PerformanceStats#plus}); {@link PerformanceStats#ZERO} for none. */
  public PerformanceStats totals() {
    return PerformanceStats.sum(campaigns.stream().map(CampaignPerformance::stats).toList());
  }
}
