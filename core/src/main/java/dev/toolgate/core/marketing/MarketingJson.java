package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.Channel;
import dev.toolgate.ports.marketing.ConversionMetric;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowPerformance;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.marketing.Provenance;
import dev.toolgate.ports.marketing.UpstreamCall;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The wire form of marketing reports, as the marketing tools return them (and their output schemas
 * describe): snake_case keys, dates as ISO-8601, rates as fractions, money as JSON numbers in the
 * report's currency, ranges with an inclusive {@code end}. Decoding gives back equal reports, so the
 * chat orchestrator reads the very figures the pipeline returned (or served from its cache).
 */
public final class MarketingJson {
  private MarketingJson() {}

  public static ObjectNode campaignReport(CampaignReport report) {
    ObjectNode node = header(report.clientKey(), report.range(), report.currency(), report.conversionMetric());
    ArrayNode campaigns = node.putArray("campaigns");
    for (CampaignPerformance c : report.campaigns()) {
      ObjectNode row = campaigns.addObject();
      row.put("id", c.id());
      row.put("name", c.name());
      row.put("channel", c.channel().label());
      row.put("send_time", c.sendTime() == null ? null : c.sendTime().toString());
      row.set("stats", stats(c.stats()));
    }
    node.put("count", report.campaigns().size());
    node.set("totals", stats(report.totals()));
    node.set("provenance", provenance(report.provenance()));
    return node;
  }

  public static ObjectNode flowReport(FlowReport report) {
    ObjectNode node = header(report.clientKey(), report.range(), report.currency(), report.conversionMetric());
    ArrayNode flows = node.putArray("flows");
    for (FlowPerformance f : report.flows()) {
      ObjectNode row = flows.addObject();
      row.put("id", f.id());
      row.put("name", f.name());
      ArrayNode channels = row.putArray("channels");
      f.channels().stream().sorted().forEach(channel -> channels.add(channel.label()));
      row.set("stats", stats(f.stats()));
    }
    node.put("count", report.flows().size());
    node.set("totals", stats(report.totals()));
    node.set("provenance", provenance(report.provenance()));
    return node;
  }

  /** Reads what {@link #campaignReport(CampaignReport)} wrote; a {@link PortException} if it is not that shape. */
  public static CampaignReport campaignReport(JsonNode node) {
    try {
      List<CampaignPerformance> campaigns = new ArrayList<>();
      for (JsonNode row : required(node, "campaigns")) {
        JsonNode sendTime = row.get("send_time");
        campaigns.add(
            new CampaignPerformance(
                text(row, "id"),
                text(row, "name"),
                channel(text(row, "channel")),
                sendTime == null || sendTime.isNull() ? null : Instant.parse(sendTime.asText()),
                stats(required(row, "stats"))));
      }
      return new CampaignReport(
          text(node, "client_key"), range(required(node, "range")), currency(node), metric(node), campaigns,
          provenance(required(node, "provenance")));
    } catch (RuntimeException e) {
      throw unreadable("campaign report", e);
    }
  }

  /** Reads what {@link #flowReport(FlowReport)} wrote; a {@link PortException} if it is not that shape. */
  public static FlowReport flowReport(JsonNode node) {
    try {
      List<FlowPerformance> flows = new ArrayList<>();
      for (JsonNode row : required(node, "flows")) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        required(row, "channels").forEach(channel -> channels.add(channel(channel.asText())));
        flows.add(new FlowPerformance(text(row, "id"), text(row, "name"), channels, stats(required(row, "stats"))));
      }
      return new FlowReport(
          text(node, "client_key"), range(required(node, "range")), currency(node), metric(node), flows,
          provenance(required(node, "provenance")));
    } catch (RuntimeException e) {
      throw unreadable("flow report", e);
    }
  }

  static ObjectNode range(DateRange range) {
    ObjectNode node = Json.object();
    node.put("start", range.start().toString());
    node.put("end", range.endInclusive().toString());
    node.put("time_zone", range.zone().getId());
    node.put("days", range.days());
    return node;
  }

  private static ObjectNode header(String clientKey, DateRange range, Currency currency, ConversionMetric metric) {
    ObjectNode node = Json.object();
    node.put("client_key", clientKey);
    node.set("range", range(range));
    node.put("currency", currency.getCurrencyCode());
    if (metric == null) {
      node.putNull("conversion_metric");
    } else {
      ObjectNode m = node.putObject("conversion_metric");
      m.put("id", metric.id());
      m.put("name", metric.name());
      m.put("integration", metric.integration());
    }
    return node;
  }

  private static ObjectNode stats(PerformanceStats s) {
    ObjectNode node = Json.object();
    node.put("recipients", s.recipients());
    node.put("delivered", s.delivered());
    node.put("opens", s.opens());
    node.put("open_rate", s.openRate());
    node.put("clicks", s.clicks());
    node.put("click_rate", s.clickRate());
    node.put("conversions", s.conversions());
    node.put("revenue", s.revenue());
    return node;
  }

  private static ObjectNode provenance(Provenance p) {
    ObjectNode node = Json.object();
    node.put("source", p.source());
    node.put("sample_data", p.sampleData());
    node.put("api_revision", p.apiRevision());
    node.put("report_time_zone", p.reportTimeZone() == null ? null : p.reportTimeZone().getId());
    ArrayNode calls = node.putArray("calls");
    for (UpstreamCall call : p.calls()) {
      ObjectNode c = calls.addObject();
      c.put("operation", call.operation());
      c.put("status", call.status());
      c.put("request_id", call.requestId());
      c.put("attempts", call.attempts());
      c.put("duration_ms", call.duration().toMillis());
    }
    ArrayNode ids = node.putArray("request_ids");
    p.requestIds().forEach(ids::add);
    node.put("elapsed_ms", p.elapsed().toMillis());
    ArrayNode notes = node.putArray("notes");
    p.notes().forEach(notes::add);
    return node;
  }

  private static PerformanceStats stats(JsonNode node) {
    return new PerformanceStats(
        required(node, "recipients").asLong(),
        required(node, "delivered").asLong(),
        required(node, "opens").asLong(),
        required(node, "open_rate").asDouble(),
        required(node, "clicks").asLong(),
        required(node, "click_rate").asDouble(),
        required(node, "conversions").asLong(),
        // A double read back from text keeps its shortest decimal form, so cents survive exactly.
        required(node, "revenue").decimalValue());
  }

  private static DateRange range(JsonNode node) {
    return DateRange.ofInclusive(
        LocalDate.parse(text(node, "start")), LocalDate.parse(text(node, "end")), ZoneId.of(text(node, "time_zone")));
  }

  private static Currency currency(JsonNode node) {
    return Currency.getInstance(text(node, "currency"));
  }

  private static ConversionMetric metric(JsonNode node) {
    JsonNode m = node.get("conversion_metric");
    if (m == null || m.isNull()) {
      return null;
    }
    JsonNode integration = m.get("integration");
    return new ConversionMetric(
        text(m, "id"), text(m, "name"), integration == null || integration.isNull() ? null : integration.asText());
  }

  private static Provenance provenance(JsonNode node) {
    List<UpstreamCall> calls = new ArrayList<>();
    for (JsonNode c : required(node, "calls")) {
      JsonNode requestId = c.get("request_id");
      calls.add(
          new UpstreamCall(
              text(c, "operation"),
              required(c, "status").asInt(),
              requestId == null || requestId.isNull() ? null : requestId.asText(),
              required(c, "attempts").asInt(),
              Duration.ofMillis(required(c, "duration_ms").asLong())));
    }
    List<String> notes = new ArrayList<>();
    required(node, "notes").forEach(note -> notes.add(note.asText()));
    JsonNode revision = node.get("api_revision");
    JsonNode zone = node.get("report_time_zone");
    return new Provenance(
        text(node, "source"),
        required(node, "sample_data").asBoolean(),
        revision == null || revision.isNull() ? null : revision.asText(),
        zone == null || zone.isNull() ? null : ZoneId.of(zone.asText()),
        calls,
        Duration.ofMillis(required(node, "elapsed_ms").asLong()),
        notes);
  }

  private static Channel channel(String label) {
    return Channel.valueOf(label.toUpperCase(Locale.ROOT));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static PortException unreadable(String what, RuntimeException e) {
    return new PortException("not a " + what + " as the marketing tools write it: " + e.getMessage(), e);
  }
}
