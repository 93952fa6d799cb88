package dev.toolgate.ports.marketing;

import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Flow performance of one account over a range.
 *
 * @param clientKey the client the account belongs to
 * @param range the range asked for
 * @param currency the account's currency; {@code revenue} figures are in it
 * @param conversionMetric as in {@link CampaignReport#conversionMetric()}; null when none was usable
 * @param flows one row per flow that sent in the range; the constructor orders them by name, then id
 * @param provenance where the numbers came from
 */
public record FlowReport(
    String clientKey,
    DateRange range,
    Currency currency,
    ConversionMetric conversionMetric,
    List<FlowPerformance> flows,
    Provenance provenance) {

  private static final Comparator<FlowPerformance> BY_NAME =
      Comparator.comparing(FlowPerformance::name).thenComparing(FlowPerformance::id);

  public FlowReport {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(provenance, "provenance");
    flows = flows.stream().sorted(BY_NAME).toList();
    long distinct = flows.stream().map(FlowPerformance::id).distinct().count();
    if (distinct != flows.size()) {
      throw new IllegalArgumentException("flow ids must be unique within a report: " + flows);
    }
  }

  /** All flows summed (see {@link PerformanceStats#plus}); {@link PerformanceStats#ZERO} for none. */
  public PerformanceStats totals() {
    return PerformanceStats.sum(flows.stream().map(FlowPerformance::stats).toList());
  }
}
