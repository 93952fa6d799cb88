package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link MarketingAnalytics} on Klaviyo's Reporting API. Per report: the account's currency and time
 * zone (GET /api/accounts, once per key), the conversion metric (GET /api/metrics, once per key until
 * it works), one values-report query for the whole range (all pages), then the names (GET
 * /api/campaigns per channel, GET /api/flows), filtered to the ids in the report.
 */
final class KlaviyoMarketingAnalytics implements MarketingAnalytics {
  private static final String METRIC_POINTER = "/data/attributes/conversion_metric_id";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int IDS_PER_FILTER = 50;
  private static final int MAX_REPORT_PAGES = 100;

  private final KlaviyoConfig config;
  /**
   * Built on the first report, not here: the HTTP client (TLS context, selector thread) and the
   * limiters cost a default start, whose clients use sample data, a fifth of a second for nothing.
   */
  private volatile KlaviyoClient client;
  /** By key fingerprint; a key belongs to exactly one account. */
  private final ConcurrentMap<String, AccountFacts> accounts = new ConcurrentHashMap<>();
  /** The metric that last worked, by key fingerprint; absent until one did. */
  private final ConcurrentMap<String, ConversionMetric> conversionMetrics = new ConcurrentHashMap<>();

  KlaviyoMarketingAnalytics(KlaviyoConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  private KlaviyoClient client() {
    KlaviyoClient built = client;
    if (built == null) {
      synchronized (this) {
        built = client;
        if (built == null) {
          built = new KlaviyoClient(config);
          client = built;
        }
      }
    }
    return built;
  }

  @Override
  public CampaignReport campaignPerformance(MarketingAccount account, DateRange range) {
    Objects.requireNonNull(account, "account");
    requireReportable(range);
    CallTrace trace = new CallTrace();
    AccountFacts facts = facts(account, trace);
    Values values = values(account, range, ReportKind.CAMPAIGN, trace);

    Map<String, Sum> byCampaign = sumBy(values.rows(), "campaign_id", "campaign");
    Map<String, JsonNode> campaigns = campaignResources(account, byCampaign, trace);

    List<CampaignPerformance> rows = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    byCampaign.forEach((id, sum) -> {
      JsonNode attributes = campaigns.getOrDefault(id, Json.object()).path("attributes");
      String name = text(attributes.path("name"));
      if (name == null) {
        unnamed.add(id);
      }
      rows.add(new CampaignPerformance(
          id, name == null ? id : name, Channel.fromUpstream(sum.firstChannel), sendTime(attributes), sum.stats));
    });
    if (!unnamed.isEmpty()) {
      trace.note("Klaviyo did not list campaign(s) " + String.join(", ", unnamed) + "; shown by id");
    }
    return new CampaignReport(
        account.clientKey(), range, facts.currency(), values.metric(), rows, provenance(trace, facts));
  }

  @Override
  public FlowReport flowPerformance(MarketingAccount account, DateRange range) {
    Objects.requireNonNull(account, "account");
    requireReportable(range);
    CallTrace trace = new CallTrace();
    AccountFacts facts = facts(account, trace);
    Values values = values(account, range, ReportKind.FLOW, trace);

    Map<String, Sum> byFlow = sumBy(values.rows(), "flow_id", "flow");
    Map<String, String> names = new HashMap<>();
    List<String> lookup = safeIds(byFlow.keySet(), trace);
    for (List<String> chunk : chunks(lookup)) {
      String query = "/api/flows?filter=" + encode("any(id," + quotedList(chunk) + ")")
          + "&fields%5Bflow%5D=name&page%5Bsize%5D=50";
      for (JsonNode flow : namesOrNone(account, query, "flow", trace)) {
        String id = text(flow.path("id"));
        String name = text(flow.path("attributes").path("name"));
        if (id != null && name != null) {
          names.put(id, name);
        }
      }
    }
    List<FlowPerformance> rows = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    byFlow.forEach((id, sum) -> {
      String name = names.get(id);
      if (name == null) {
        unnamed.add(id);
      }
      rows.add(new FlowPerformance(id, name == null ? id : name, sum.channels, sum.stats));
    });
    if (!unnamed.isEmpty()) {
      trace.note("Klaviyo did not list flow(s) " + String.join(", ", unnamed) + "; shown by id");
    }
    return new FlowReport(
        account.clientKey(), range, facts.currency(), values.metric(), rows, provenance(trace, facts));
  }

  private void requireReportable(DateRange range) {
    Objects.requireNonNull(range, "range");
    if (range.endExclusive().isAfter(range.start().plusYears(1))) {
      throw new InvalidRequestException(
          "Klaviyo reports cover at most one year; " + range.start() + " to " + range.endInclusive()
              + " is " + range.days() + " days");
    }
  }

  private Provenance provenance(CallTrace trace, AccountFacts facts) {
    facts.notes().forEach(trace::note);
    return trace.provenance(config.revision(), facts.timeZone());
  }


  /**
   * @param currency the account's currency (or the configured fallback)
   * @param timeZone the account's time zone, which Klaviyo applies to report ranges; null if unknown
   * @param notes what the reader should know about these facts
   */
  private record AccountFacts(Currency currency, ZoneId timeZone, List<String> notes) {}

  private AccountFacts facts(MarketingAccount account, CallTrace trace) {
    AccountFacts known = accounts.get(account.keyFingerprint());
    if (known != null) {
      return known;
    }
    AccountFacts facts;
    try {
      JsonNode data = client().get(account, "/api/accounts", trace).body().path("data");
      JsonNode attributes = (data.isArray() ? data.path(0) : data).path("attributes");
      facts = readFacts(attributes);
    } catch (KlaviyoKeyRefusedException e) {
      if (!e.missingScope()) {
        throw e;
      }
      facts = new AccountFacts(config.fallbackCurrency(), null, List.of(
          "The API key may not read the account (scope accounts:read), so its currency is assumed to be "
              + config.fallbackCurrency() + " and its time zone is unknown"));
    }
    accounts.putIfAbsent(account.keyFingerprint(), facts);
    return facts;
  }

  private AccountFacts readFacts(JsonNode attributes) {
    List<String> notes = new ArrayList<>();
    Currency currency = config.fallbackCurrency();
    String code = text(attributes.path("preferred_currency"));
    try {
      if (code == null) {
        notes.add("Klaviyo did not name the account's currency; assumed " + currency);
      } else {
        currency = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
      }
    } catch (IllegalArgumentException e) {
      notes.add("Klaviyo named the account's currency '" + ErrorBody.snippet(code) + "', which is not an ISO 4217 code; assumed " + currency);
    }
    ZoneId zone = null;
    String tz = text(attributes.path("timezone"));
    if (tz != null) {
      try {
        zone = ZoneId.of(tz.strip());
      } catch (DateTimeException e) {
        notes.add("Klaviyo named the account's time zone '" + ErrorBody.snippet(tz) + "', which is not known here");
      }
    }
    return new AccountFacts(currency, zone, List.copyOf(notes));
  }


  private enum ReportKind {
    CAMPAIGN("campaign-values-report", "/api/campaign-values-reports"),
    FLOW("flow-values-report", "/api/flow-values-reports");

    final String type;
    final String path;

    ReportKind(String type, String path) {
      this.type = type;
      this.path = path;
    }
  }

  /** The rows of a report and the metric its conversions were counted on (null when none). */
  private record Values(ConversionMetric metric, List<JsonNode> rows) {}

  /** "Placed Order" metrics, best first, and any metric id at all (the query requires one). */
  private record Discovery(List<ConversionMetric> candidates, String anyMetricId) {}

  private Values values(MarketingAccount account, DateRange range, ReportKind kind, CallTrace trace) {
    String key = account.keyFingerprint();
    ConversionMetric known = conversionMetrics.get(key);
    if (known != null) {
      try {
        return new Values(known, report(account, range, kind, known.id(), true, trace));
      } catch (KlaviyoRejectedException e) {
        if (!e.errors().pointsAt(METRIC_POINTER)) {
          throw e;
        }
        conversionMetrics.remove(key, known);
        trace.note(ineligible(known));
      }
    }
    Discovery discovery = discover(account, trace);
    for (ConversionMetric candidate : discovery.candidates()) {
      if (candidate.equals(known)) {
        continue;
      }
      try {
        List<JsonNode> rows = report(account, range, kind, candidate.id(), true, trace);
        conversionMetrics.put(key, candidate);
        return new Values(candidate, rows);
      } catch (KlaviyoRejectedException e) {
        if (!e.errors().pointsAt(METRIC_POINTER)) {
          throw e;
        }
        trace.note(ineligible(candidate));
      }
    }
    if (discovery.anyMetricId() == null) {
      trace.note("The account has no metrics yet, so it has sent nothing");
      return new Values(null, List.of());
    }
    trace.note("No '" + config.conversionMetricName() + "' metric of this account supports values reports,"
        + " so conversions and revenue were not measured (shown as 0)");
    return new Values(null, report(account, range, kind, discovery.anyMetricId(), false, trace));
  }

  private String ineligible(ConversionMetric metric) {
    return "Klaviyo does not report values for the metric '" + metric.name() + "' (" + metric.id()
        + (metric.integration() == null ? "" : ", " + metric.integration()) + ")";
  }

  private Discovery discover(MarketingAccount account, CallTrace trace) {
    List<JsonNode> metrics = client().getAll(account, "/api/metrics", trace);
    String anyId = null;
    List<JsonNode> named = new ArrayList<>();
    for (JsonNode metric : metrics) {
      String id = text(metric.path("id"));
      if (id == null) {
        continue;
      }
      anyId = anyId == null ? id : anyId;
      if (config.conversionMetricName().equalsIgnoreCase(text(metric.path("attributes").path("name")))) {
        named.add(metric);
      }
    }
    // Several integrations can each record a "Placed Order"; the store's own (e-commerce) one is the
    // one Klaviyo's UI uses for revenue.
    List<ConversionMetric> candidates = named.stream()
        .sorted(Comparator.comparingInt(m -> isECommerce(m.path("attributes").path("integration")) ? 0 : 1))
        .map(m -> new ConversionMetric(
            m.path("id").asText(),
            m.path("attributes").path("name").asText(),
            text(m.path("attributes").path("integration").path("key"))))
        .toList();
    return new Discovery(candidates, candidates.isEmpty() ? anyId : candidates.get(0).id());
  }

  /** {@code integration.category} is a string ("eCommerce") or, for apps, an object. */
  private static boolean isECommerce(JsonNode integration) {
    JsonNode category = integration.path("category");
    String value = category.isObject() ? text(category.path("category")) : text(category);
    return value != null && value.replaceAll("[^A-Za-z]", "").equalsIgnoreCase("ecommerce");
  }

  private List<JsonNode> report(
      MarketingAccount account, DateRange range, ReportKind kind, String metricId, boolean conversions,
      CallTrace trace) {
    ObjectNode body = Json.object();
    ObjectNode attributes = body.putObject("data").put("type", kind.type).putObject("attributes");
    (conversions ? Statistics.WITH_CONVERSIONS : Statistics.WITHOUT_CONVERSIONS)
        .forEach(attributes.putArray("statistics")::add);
    // Klaviyo ignores the offset and applies the account's zone; sending the client's keeps the
    // request truthful should that ever change.
    attributes.putObject("timeframe")
        .put("start", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(range.start().atStartOfDay(range.zone())))
        .put("end", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(range.endExclusive().atStartOfDay(range.zone())));
    attributes.put("conversion_metric_id", metricId);

    List<JsonNode> rows = new ArrayList<>();
    String next = kind.path;
    for (int page = 0; next != null; page++) {
      if (page == MAX_REPORT_PAGES) {
        throw new PortException("Klaviyo kept returning pages of " + kind.path + " after " + MAX_REPORT_PAGES);
      }
      Reply reply = client().postReport(account, next, body, trace);
      JsonNode results = reply.body().path("data").path("attributes").path("results");
      if (!results.isArray()) {
        throw new PortException("Klaviyo answered POST " + kind.path + " without data.attributes.results[]");
      }
      results.forEach(rows::add);
      next = next.equals(reply.nextPath()) ? null : reply.nextPath();
    }
    return rows;
  }


  /** The campaign resources (by id) of the report's campaigns, listed per channel as Klaviyo requires. */
  private Map<String, JsonNode> campaignResources(
      MarketingAccount account, Map<String, Sum> byCampaign, CallTrace trace) {
    Map<String, List<String>> idsByChannel = new LinkedHashMap<>();
    Set<String> unlistable = new TreeSet<>();
    byCampaign.forEach((id, sum) -> {
      String filterChannel = campaignFilterChannel(sum.firstChannel);
      if (filterChannel == null) {
        unlistable.add(sum.firstChannel == null ? "(none)" : sum.firstChannel);
      } else {
        idsByChannel.computeIfAbsent(filterChannel, c -> new ArrayList<>()).add(id);
      }
    });
    if (!unlistable.isEmpty()) {
      trace.note("Campaigns on channel(s) " + String.join(", ", unlistable)
          + " cannot be listed by Klaviyo's campaigns endpoint; shown by id");
    }
    Map<String, JsonNode> found = new HashMap<>();
    idsByChannel.forEach((channel, ids) -> {
      for (List<String> chunk : chunks(safeIds(ids, trace))) {
        String filter = "and(equals(messages.channel,'" + channel + "'),any(id," + quotedList(chunk) + "))";
        String query = "/api/campaigns?filter=" + encode(filter)
            + "&fields%5Bcampaign%5D=" + encode("name,send_time,send_strategy") + "&page%5Bsize%5D=100";
        for (JsonNode campaign : namesOrNone(account, query, "campaign", trace)) {
          String id = text(campaign.path("id"));
          if (id != null) {
            found.put(id, campaign);
          }
        }
      }
    });
    return found;
  }

  /**
   * The listed resources, or none when Klaviyo refuses the lookup: the figures already cost a report
   * call from a budget of two a minute, and ids are a fair stand-in for names.
   */
  private List<JsonNode> namesOrNone(MarketingAccount account, String query, String what, CallTrace trace) {
    try {
      return client().getAll(account, query, trace);
    } catch (KlaviyoRejectedException e) {
      trace.note("Klaviyo refused to list " + what + " names (" + e.errors().summary() + ")");
      return List.of();
    }
  }

  /** The report says {@code push-notification}; the campaigns filter wants {@code mobile_push}. */
  private static String campaignFilterChannel(String reportChannel) {
    switch (Channel.fromUpstream(reportChannel)) {
      case EMAIL:
        return "email";
      case SMS:
        return "sms";
      case PUSH:
        return "mobile_push";
      default:
        return null;
    }
  }

  private static Instant sendTime(JsonNode attributes) {
    Instant sent = instant(attributes.path("send_time"));
    return sent != null ? sent : instant(attributes.path("send_strategy").path("datetime"));
  }

  private static Instant instant(JsonNode node) {
    String value = text(node);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }


  /** Figures of one campaign or flow, summed over its rows (messages, channels). */
  private static final class Sum {
    final String firstChannel;
    final Set<Channel> channels = EnumSet.noneOf(Channel.class);
    PerformanceStats stats = PerformanceStats.ZERO;

    Sum(String firstChannel) {
      this.firstChannel = firstChannel;
    }

    void add(JsonNode row, String what) {
      channels.add(Channel.fromUpstream(row.path("groupings").path("send_channel").asText(null)));
      stats = stats.plus(Statistics.read(row.path("statistics"), what));
    }
  }

  /** The rows summed per value of {@code grouping}, in first-seen order. */
  private static Map<String, Sum> sumBy(List<JsonNode> rows, String grouping, String what) {
    Map<String, Sum> sums = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      String id = grouping(row, grouping);
      sums.computeIfAbsent(id, k -> new Sum(row.path("groupings").path("send_channel").asText(null)))
          .add(row, what + " " + id);
    }
    return sums;
  }

  private static String grouping(JsonNode row, String name) {
    String value = text(row.path("groupings").path(name));
    if (value == null || value.isBlank()) {
      throw new PortException("Klaviyo's values report has a row without groupings." + name + ": "
          + ErrorBody.snippet(row.toString()));
    }
    return value;
  }

  /** Ids go into a filter expression: anything but Klaviyo's id alphabet is left out, not quoted. */
  private static List<String> safeIds(Collection<String> ids, CallTrace trace) {
    List<String> unsafe = ids.stream().filter(id -> !SAFE_ID.matcher(id).matches()).toList();
    if (!unsafe.isEmpty()) {
      trace.note("Ids not looked up by name (unexpected characters): "
          + unsafe.stream().map(ErrorBody::snippet).collect(Collectors.joining(", ")));
    }
    return ids.stream().filter(id -> SAFE_ID.matcher(id).matches()).toList();
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IDS_PER_FILTER) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_FILTER)));
    }
    return chunks;
  }

  private static String quotedList(List<String> ids) {
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "[", "]"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
