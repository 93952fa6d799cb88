package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.marketing.MarketingJson;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.ConversionMetric;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.marketing.Provenance;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * One report's figures as the answer uses them, the same for campaigns and flows: rows with names
 * and stats, their totals, and where they came from.
 */
record Figures(
    Plan.Subject subject,
    DateRange range,
    Currency currency,
    ConversionMetric conversionMetric,
    List<Row> rows,
    PerformanceStats totals,
    Provenance provenance) {

  record Row(String id, String name, PerformanceStats stats) {}

  /** Reads a marketing tool's result. */
  static Figures of(Plan.Subject subject, JsonNode result) {
    if (subject == Plan.Subject.CAMPAIGNS) {
      CampaignReport report = MarketingJson.campaignReport(result);
      List<Row> rows =
          report.campaigns().stream().map(c -> new Row(c.id(), c.name(), c.stats())).toList();
      return new Figures(
          subject, report.range(), report.currency(), report.conversionMetric(), rows, report.totals(),
          report.provenance());
    }
    FlowReport report = MarketingJson.flowReport(result);
    List<Row> rows = report.flows().stream().map(f -> new Row(f.id(), f.name(), f.stats())).toList();
    return new Figures(
        subject, report.range(), report.currency(), report.conversionMetric(), rows, report.totals(),
        report.provenance());
  }

  /** Rows best first by {@code metric}; ties by name, then id, so the order is stable. */
  List<Row> ranked(Plan.Metric metric) {
    Comparator<Row> byMetric =
        switch (metric) {
          case REVENUE -> Comparator.comparing((Row r) -> r.stats().revenue());
          case OPEN_RATE -> Comparator.comparingDouble((Row r) -> r.stats().openRate());
          case CLICK_RATE -> Comparator.comparingDouble((Row r) -> r.stats().clickRate());
          case CONVERSIONS -> Comparator.comparingLong((Row r) -> r.stats().conversions());
        };
    return rows.stream()
        .sorted(byMetric.reversed().thenComparing(Row::name).thenComparing(Row::id))
        .toList();
  }

  /** The singular noun of the subject: {@code campaign} or {@code flow}. */
  String noun() {
    return subject == Plan.Subject.CAMPAIGNS ? "campaign" : "flow";
  }
}
