package dev.toolgate.adapter.klaviyo;

import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.ACCOUNTS_ROUTE;
import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.CAMPAIGNS_ROUTE;
import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.CAMPAIGN_REPORT_ROUTE;
import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.FLOWS_ROUTE;
import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.FLOW_REPORT_ROUTE;
import static dev.toolgate.adapter.klaviyo.KlaviyoStandIn.METRICS_ROUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.klaviyo.KlaviyoConfig.RequestLimit;
import dev.toolgate.adapter.klaviyo.KlaviyoStandIn.Answer;
import dev.toolgate.adapter.klaviyo.KlaviyoStandIn.Recorded;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.Channel;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowPerformance;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.marketing.MarketingRateLimitedException;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.marketing.UpstreamCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The adapter against a Klaviyo stand-in on loopback: fixtures, headers, joins, and every failure mode. */
class KlaviyoMarketingAnalyticsIntegrationTest {
  private static final String API_KEY = "pk_test_0123456789abcdef0123456789abcdef";
  private static final MarketingAccount ACME = new MarketingAccount("acme", API_KEY);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final DateRange LAST_WEEK =
      DateRange.ofInclusive(LocalDate.of(2026, 7, 13), LocalDate.of(2026, 7, 19), BERLIN);
  private static final String THROTTLED_WITHOUT_HINT =
      "{\"errors\":[{\"id\":\"x\",\"status\":429,\"code\":\"throttled\",\"title\":\"Request was throttled.\","
          + "\"detail\":\"Request was throttled.\"}]}";
  private static final String CLOUDFLARE_PAGE =
      "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>"
          + "<body>Sorry, you have been blocked</body></html>";

  private KlaviyoStandIn klaviyo;

  @BeforeEach
  void start() {
    klaviyo = new KlaviyoStandIn();
  }

  @AfterEach
  void stop() {
    klaviyo.close();
  }

  private KlaviyoMarketingAnalytics adapter() {
    return adapter(b -> {});
  }

  /** Fast settings: short timeouts and backoffs, limits that never bind unless a test sets them. */
  private KlaviyoMarketingAnalytics adapter(Consumer<KlaviyoConfig.Builder> tweak) {
    KlaviyoConfig.Builder builder = KlaviyoConfig.custom()
        .baseUri(klaviyo.baseUri())
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(2))
        .maxAttempts(3)
        .backoff(Duration.ofMillis(40), Duration.ofMillis(400))
        .maxRetryAfter(Duration.ofSeconds(2))
        .reportLimits(List.of(new RequestLimit(1000, Duration.ofSeconds(1))))
        .readLimits(List.of(new RequestLimit(1000, Duration.ofSeconds(1))))
        .limiterMaxWait(Duration.ofSeconds(2));
    tweak.accept(builder);
    return new KlaviyoMarketingAnalytics(builder.build());
  }


  @Test
  void campaignReportHoldsEachFixtureCampaignWithItsNameSendTimeAndFigures() {
    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    List<JsonNode> rows = Fixtures.results("campaign-values-report.json");
    assertThat(report.campaigns()).hasSize(rows.size());
    Map<String, JsonNode> listed = listedCampaigns();
    for (JsonNode row : rows) {
      String id = row.path("groupings").path("campaign_id").asText();
      CampaignPerformance campaign = report.campaigns().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
      assertThat(campaign.name()).isEqualTo(listed.get(id).path("attributes").path("name").asText());
      assertThat(campaign.sendTime())
          .isEqualTo(Instant.parse(listed.get(id).path("attributes").path("send_time").asText().replace("+00:00", "Z")));
      assertThat(campaign.channel()).isEqualTo(Channel.EMAIL);
      assertFigures(campaign.stats(), List.of(row));
    }
    assertThat(report.campaigns()).extracting(CampaignPerformance::sendTime).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void campaignTotalsEqualTheSumsOfTheFixtureRows() {
    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertFigures(report.totals(), Fixtures.results("campaign-values-report.json"));
    assertThat(report.currency()).isEqualTo(Currency.getInstance("EUR"));
    assertThat(report.provenance().reportTimeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(report.provenance().sampleData()).isFalse();
    assertThat(report.provenance().source()).isEqualTo("klaviyo");
    assertThat(report.provenance().apiRevision()).isEqualTo("2026-07-15");
  }

  @Test
  void flowReportSumsEveryMessageOfAFlowAndKeepsAllItsChannels() {
    FlowReport report = adapter().flowPerformance(ACME, LAST_WEEK);

    List<JsonNode> rows = Fixtures.results("flow-values-report.json");
    Map<String, List<JsonNode>> byFlow =
        rows.stream().collect(Collectors.groupingBy(r -> r.path("groupings").path("flow_id").asText()));
    assertThat(report.flows()).extracting(FlowPerformance::id).containsExactlyInAnyOrderElementsOf(byFlow.keySet());
    Map<String, String> names = new HashMap<>();
    Fixtures.json("flows-list.json").path("data")
        .forEach(f -> names.put(f.path("id").asText(), f.path("attributes").path("name").asText()));
    for (FlowPerformance flow : report.flows()) {
      assertFigures(flow.stats(), byFlow.get(flow.id()));
      assertThat(flow.name()).isEqualTo(names.get(flow.id()));
      assertThat(flow.channels()).containsExactlyInAnyOrderElementsOf(byFlow.get(flow.id()).stream()
          .map(r -> Channel.fromUpstream(r.path("groupings").path("send_channel").asText())).distinct().toList());
    }
    assertThat(report.flows()).extracting(FlowPerformance::name).containsExactly("Abandoned Cart", "Welcome Series");
    assertThat(report.flows().get(1).channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
    assertFigures(report.totals(), rows);
  }

  @Test
  void conversionsAreCountedOnTheECommercePlacedOrderMetric() {
    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.conversionMetric().id()).isEqualTo("RESQ6t");
    assertThat(report.conversionMetric().integration()).isEqualTo("shopify");
    JsonNode body = Json.parse(klaviyo.requests(CAMPAIGN_REPORT_ROUTE).get(0).body());
    assertThat(body.path("data").path("attributes").path("conversion_metric_id").asText()).isEqualTo("RESQ6t");
  }


  @Test
  void everyRequestCarriesTheKlaviyoKeyRevisionAndJsonApiHeaders() {
    adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(klaviyo.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.headers().getFirst("Authorization")).isEqualTo("Klaviyo-API-Key " + API_KEY);
      assertThat(r.headers().getFirst("revision")).isEqualTo("2026-07-15");
      assertThat(r.headers().getFirst("accept")).isEqualTo("application/vnd.api+json");
    });
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE))
        .allSatisfy(r -> assertThat(r.headers().getFirst("content-type")).isEqualTo("application/vnd.api+json"));
  }

  @Test
  void reportQueryAsksForTheRangeInTheClientsZoneAndForRevenueAsConversionValue() {
    adapter().campaignPerformance(ACME, LAST_WEEK);

    JsonNode attributes = Json.parse(klaviyo.requests(CAMPAIGN_REPORT_ROUTE).get(0).body()).path("data").path("attributes");
    assertThat(Json.parse(klaviyo.requests(CAMPAIGN_REPORT_ROUTE).get(0).body()).path("data").path("type").asText())
        .isEqualTo("campaign-values-report");
    assertThat(attributes.path("timeframe").path("start").asText()).isEqualTo("2026-07-13T00:00:00+02:00");
    assertThat(attributes.path("timeframe").path("end").asText()).isEqualTo("2026-07-20T00:00:00+02:00");
    assertThat(attributes.path("statistics")).extracting(JsonNode::asText)
        .contains("conversion_value", "open_rate", "click_rate", "recipients", "delivered")
        .doesNotContain("revenue");
  }

  @Test
  void campaignNamesAreListedPerChannelForTheReportedIdsOnly() {
    adapter().campaignPerformance(ACME, LAST_WEEK);

    List<Recorded> lists = klaviyo.requests(CAMPAIGNS_ROUTE);
    assertThat(lists).isNotEmpty().allSatisfy(r -> {
      assertThat(r.param("filter")).startsWith("and(equals(messages.channel,'email'),any(id,[");
      for (JsonNode row : Fixtures.results("campaign-values-report.json")) {
        assertThat(r.param("filter")).contains("'" + row.path("groupings").path("campaign_id").asText() + "'");
      }
    });
  }

  @Test
  void campaignListIsFollowedToItsLastPageOnTheConfiguredHost() {
    // A report row for the campaign that only page 2 of the list holds.
    List<JsonNode> rows = Fixtures.results("campaign-values-report.json");
    JsonNode extra = rows.get(0).deepCopy();
    ((ObjectNode) extra.path("groupings"))
        .put("campaign_id", "01K0DQ9W5E3N7B1T4Y8K2R6M0F").put("campaign_message_id", "01K0DQ9W5E3N7B1T4Y8K2R6M0F");
    List<JsonNode> withExtra = new ArrayList<>(rows);
    withExtra.add(extra);
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.json(200, Fixtures.report("campaign-values-report.json", withExtra, null)));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.campaigns()).extracting(CampaignPerformance::name).contains("Fourth of July Weekend");
    List<Recorded> pages = klaviyo.requests(CAMPAIGNS_ROUTE);
    assertThat(pages).hasSize(2);
    // The next link names https://a.klaviyo.com; the cursor is kept, the host is ours.
    assertThat(pages.get(1).param("page[cursor]")).isEqualTo(KlaviyoStandIn.PAGE_2_CURSOR);
    assertFigures(report.totals(), withExtra);
  }

  @Test
  void reportPagesAreFollowedToTheEnd() {
    List<JsonNode> rows = Fixtures.results("campaign-values-report.json");
    klaviyo.script(CAMPAIGN_REPORT_ROUTE,
        Answer.json(200, Fixtures.report("campaign-values-report.json", rows.subList(0, 2),
            "https://a.klaviyo.com/api/campaign-values-reports?page_cursor=cGFnZTI%3D")),
        Answer.json(200, Fixtures.report("campaign-values-report.json", rows.subList(2, 3), null)));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    List<Recorded> posts = klaviyo.requests(CAMPAIGN_REPORT_ROUTE);
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).param("page_cursor")).isEqualTo("cGFnZTI=");
    assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
    assertThat(report.campaigns()).hasSize(3);
    assertFigures(report.totals(), rows);
  }

  @Test
  void accountAndConversionMetricAreDiscoveredOnceAndCached() {
    KlaviyoMarketingAnalytics adapter = adapter();
    adapter.campaignPerformance(ACME, LAST_WEEK);
    adapter.flowPerformance(ACME, LAST_WEEK);
    adapter.campaignPerformance(ACME, LAST_WEEK.previous());

    assertThat(klaviyo.requests(METRICS_ROUTE)).hasSize(1);
    assertThat(klaviyo.requests(ACCOUNTS_ROUTE)).hasSize(1);
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(2);
    assertThat(klaviyo.requests(FLOWS_ROUTE)).hasSize(1);
  }

  @Test
  void provenanceListsEveryUpstreamCallWithTheReportId() {
    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.provenance().calls()).extracting(UpstreamCall::operation).containsExactly(
        "GET /api/accounts", "GET /api/metrics", "POST /api/campaign-values-reports",
        "GET /api/campaigns", "GET /api/campaigns");
    assertThat(report.provenance().calls()).allSatisfy(c -> {
      assertThat(c.status()).isEqualTo(200);
      assertThat(c.attempts()).isEqualTo(1);
    });
    assertThat(report.provenance().requestIds())
        .contains(Fixtures.json("campaign-values-report.json").path("data").path("id").asText());
  }


  @Test
  void ineligibleConversionMetricGivesWayToTheNextPlacedOrder() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.fixture(400, "error-400-conversion-metric.json"));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.conversionMetric().id()).isEqualTo("Qs9kTw");
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).extracting(r -> Json.parse(r.body())
            .path("data").path("attributes").path("conversion_metric_id").asText())
        .containsExactly("RESQ6t", "Qs9kTw");
    assertThat(report.provenance().notes()).anyMatch(n -> n.contains("RESQ6t"));
    assertFigures(report.totals(), Fixtures.results("campaign-values-report.json"));
  }

  @Test
  void withoutAnEligibleMetricTheReportOmitsConversionsAndSaysSo() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE,
        Answer.fixture(400, "error-400-conversion-metric.json"), Answer.fixture(400, "error-400-conversion-metric.json"));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.conversionMetric()).isNull();
    JsonNode lastQuery = Json.parse(klaviyo.requests(CAMPAIGN_REPORT_ROUTE).get(2).body()).path("data").path("attributes");
    assertThat(lastQuery.path("statistics")).extracting(JsonNode::asText).doesNotContain("conversions", "conversion_value");
    assertThat(report.provenance().notes()).anyMatch(n -> n.contains("not measured"));
  }


  @Test
  void unauthorizedIsACredentialErrorNamingTheClientAndIsNeverRetried() {
    klaviyo.script(ACCOUNTS_ROUTE, Answer.fixture(401, "error-401.json"));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(MarketingCredentialsException.class)
        .hasMessageContaining("'acme'")
        .hasMessageContaining("Missing or invalid authorization scheme")
        .hasMessageNotContaining(API_KEY)
        .satisfies(e -> {
          assertThat(((MarketingCredentialsException) e).clientKey()).isEqualTo("acme");
          assertThat(((PortException) e).retryable()).isFalse();
        });
    assertThat(klaviyo.requests()).hasSize(1);
  }

  @Test
  void htmlForbiddenFromTheCdnIsACredentialErrorAndIsNeverRetried() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.html(403, CLOUDFLARE_PAGE));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(MarketingCredentialsException.class)
        .hasMessageContaining("'acme'")
        .hasMessageContaining("Attention Required! | Cloudflare");
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(1);
  }

  @Test
  void keyWithoutTheAccountsScopeFallsBackToTheConfiguredCurrency() {
    klaviyo.script(ACCOUNTS_ROUTE, Answer.json(403,
        "{\"errors\":[{\"id\":\"a\",\"status\":403,\"code\":\"permission_denied\",\"title\":\"Permission denied\","
            + "\"detail\":\"You do not have permission to perform this action.\"}]}"));

    CampaignReport report = adapter(b -> b.fallbackCurrency(Currency.getInstance("GBP"))).campaignPerformance(ACME, LAST_WEEK);

    assertThat(report.currency()).isEqualTo(Currency.getInstance("GBP"));
    assertThat(report.provenance().reportTimeZone()).isNull();
    assertThat(report.provenance().notes()).anyMatch(n -> n.contains("accounts:read") && n.contains("GBP"));
    assertThat(report.campaigns()).hasSize(3);
  }

  @Test
  void throttledCallWaitsTheRetryAfterSecondsThenSucceeds() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.fixture(429, "error-429.json").withHeader("Retry-After", "1"));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(gapMillis(klaviyo.requests(CAMPAIGN_REPORT_ROUTE))).isGreaterThanOrEqualTo(1000);
    assertThat(reportCall(report.provenance().calls()).attempts()).isEqualTo(2);
    assertFigures(report.totals(), Fixtures.results("campaign-values-report.json"));
  }

  @Test
  void throttledCallWithoutRetryAfterWaitsTheSecondsNamedInTheDetail() {
    // error-429.json says "Expected available in 1 second."
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.fixture(429, "error-429.json"));

    adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(gapMillis(klaviyo.requests(CAMPAIGN_REPORT_ROUTE))).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void throttledCallWithoutAnyHintBacksOffExponentially() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.json(429, THROTTLED_WITHOUT_HINT), Answer.json(429, THROTTLED_WITHOUT_HINT));

    CampaignReport report = adapter(b -> b.backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
        .campaignPerformance(ACME, LAST_WEEK);

    List<Recorded> posts = klaviyo.requests(CAMPAIGN_REPORT_ROUTE);
    assertThat(posts).hasSize(3);
    // Equal jitter: the n-th wait lies in [d/2, d] for d = 200 ms * 2^(n-1).
    assertThat(millisBetween(posts.get(0), posts.get(1))).isBetween(100L, 1_500L);
    assertThat(millisBetween(posts.get(1), posts.get(2))).isBetween(200L, 2_000L);
    assertThat(reportCall(report.provenance().calls()).attempts()).isEqualTo(3);
  }

  @Test
  void retryAfterBeyondTheCapFailsAtOnceAsRateLimited() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.fixture(429, "error-429.json").withHeader("Retry-After", "120"));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOfSatisfying(MarketingRateLimitedException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
          assertThat(e.retryable()).isTrue();
          assertThat(e.clientKey()).isEqualTo("acme");
        });
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(1);
  }

  @Test
  void throttlingThatOutlastsTheAttemptsBecomesRateLimited() {
    Answer throttled = Answer.fixture(429, "error-429.json").withHeader("Retry-After", "0");
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, throttled, throttled, throttled);

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(MarketingRateLimitedException.class)
        .hasMessageContaining("after 3 attempt(s)");
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(3);
  }

  @Test
  void serverErrorIsRetriedAndTheSecondAnswerCounts() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE,
        Answer.json(500, "{\"errors\":[{\"id\":\"e\",\"code\":\"error\",\"title\":\"A server error occurred.\",\"detail\":\"A server error occurred.\"}]}"));

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(2);
    assertThat(reportCall(report.provenance().calls()).attempts()).isEqualTo(2);
    assertFigures(report.totals(), Fixtures.results("campaign-values-report.json"));
  }

  @Test
  void persistentServerErrorsBecomeUnavailableAfterTheBoundedAttempts() {
    Answer down = Answer.html(503, "<html><head><title>503 Service Unavailable</title></head></html>");
    klaviyo.script(METRICS_ROUTE, down, down, down, down);

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(UnavailableException.class)
        .isNotInstanceOf(MarketingRateLimitedException.class)
        .hasMessageContaining("HTTP 503")
        .satisfies(e -> assertThat(((PortException) e).retryable()).isTrue());
    assertThat(klaviyo.requests(METRICS_ROUTE)).hasSize(3);
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() {
    KlaviyoMarketingAnalytics adapter = warmedUp(adapter(b -> b.requestTimeout(Duration.ofSeconds(1))));
    klaviyo.script(FLOW_REPORT_ROUTE, Answer.fixture(200, "flow-values-report.json").delayedBy(3_000));

    FlowReport report = adapter.flowPerformance(ACME, LAST_WEEK);

    assertThat(klaviyo.requests(FLOW_REPORT_ROUTE)).hasSize(2);
    assertThat(reportCall(report.provenance().calls()).attempts()).isEqualTo(2);
    assertFigures(report.totals(), Fixtures.results("flow-values-report.json"));
  }

  @Test
  void answersTooSlowEveryTimeBecomeUnavailable() {
    KlaviyoMarketingAnalytics adapter =
        warmedUp(adapter(b -> b.maxAttempts(2).requestTimeout(Duration.ofSeconds(1))));
    Answer slow = Answer.fixture(200, "flow-values-report.json").delayedBy(3_000);
    klaviyo.script(FLOW_REPORT_ROUTE, slow, slow);

    assertThatThrownBy(() -> adapter.flowPerformance(ACME, LAST_WEEK))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("POST /api/flow-values-reports")
        .hasMessageContaining("timed out");
    assertThat(klaviyo.requests(FLOW_REPORT_ROUTE)).hasSize(2);
  }

  @Test
  void droppedConnectionIsRetried() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.dropConnection());

    CampaignReport report = adapter().campaignPerformance(ACME, LAST_WEEK);

    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(2);
    assertThat(report.campaigns()).hasSize(3);
  }

  @Test
  void anErrorThatEchoesTheKeyReachesTheCallerMasked() {
    String echoing =
        "{\"errors\":[{\"status\":400,\"code\":\"invalid\",\"title\":\"Invalid input.\","
            + "\"detail\":\"bad key " + API_KEY + " for this report\",\"source\":{\"pointer\":\"/data\"}}]}";
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.json(400, echoing));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("bad key [redacted] for this report")
        .hasMessageNotContaining(API_KEY);
  }

  @Test
  void badRequestSurfacesKlaviyosDetailAndIsNotRetried() {
    klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.fixture(400, "error-400.json"));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'revenue' is not a valid choice for 'statistics'.")
        .hasMessageContaining("/data/attributes/statistics/0")
        .hasMessageContaining("'unique_recipients' is not a valid choice");
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(1);
  }

  @Test
  void refusedNameLookupKeepsTheFiguresAndShowsIds() {
    klaviyo.script(FLOWS_ROUTE, Answer.fixture(400, "error-400-include-param.json"));

    FlowReport report = adapter().flowPerformance(ACME, LAST_WEEK);

    assertThat(report.flows()).allSatisfy(f -> assertThat(f.name()).isEqualTo(f.id()));
    assertThat(report.provenance().notes()).anyMatch(n -> n.contains("'profiless' is not an allowed include"));
    assertFigures(report.totals(), Fixtures.results("flow-values-report.json"));
  }

  @Test
  void malformedJsonIsAClearPortExceptionAndIsNotRetried() {
    klaviyo.script(METRICS_ROUTE, Answer.json(200, "{\"data\": [{\"type\": \"metric\", \"id\": "));

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
        .isExactlyInstanceOf(PortException.class)
        .hasMessageContaining("GET /api/metrics")
        .hasMessageContaining("not valid JSON");
    assertThat(klaviyo.requests(METRICS_ROUTE)).hasSize(1);
  }

  @Test
  void theApiKeyAppearsInNoLogLineAndNoErrorMessage() {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.toolgate.adapter.klaviyo");
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    try {
      klaviyo.script(CAMPAIGN_REPORT_ROUTE, Answer.json(500, "{}"), Answer.fixture(401, "error-401.json"));

      assertThatThrownBy(() -> adapter().campaignPerformance(ACME, LAST_WEEK))
          .isInstanceOf(MarketingCredentialsException.class)
          .hasMessageNotContaining(API_KEY);
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
      logger.setAdditive(true);
    }
    assertThat(lines.list).isNotEmpty()
        .allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(API_KEY));
    assertThat(ACME.toString()).doesNotContain(API_KEY);
  }

  @Test
  void rangeLongerThanAYearIsRejectedBeforeAnyRequest() {
    DateRange tooLong = new DateRange(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 2), BERLIN);

    assertThatThrownBy(() -> adapter().campaignPerformance(ACME, tooLong))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most one year");
    assertThat(klaviyo.requests()).isEmpty();
  }


  @Test
  void limiterSpacesReportCallsOfOneAccount() {
    KlaviyoMarketingAnalytics adapter =
        adapter(b -> b.reportLimits(List.of(new RequestLimit(1, Duration.ofMillis(500)))));

    adapter.campaignPerformance(ACME, LAST_WEEK);
    adapter.campaignPerformance(ACME, LAST_WEEK.previous());

    assertThat(gapMillis(klaviyo.requests(CAMPAIGN_REPORT_ROUTE))).isGreaterThanOrEqualTo(400);
  }

  @Test
  void limiterKeepsAccountsApart() {
    KlaviyoMarketingAnalytics adapter =
        adapter(b -> b.reportLimits(List.of(new RequestLimit(1, Duration.ofSeconds(30)))).limiterMaxWait(Duration.ZERO));

    adapter.campaignPerformance(ACME, LAST_WEEK);
    adapter.campaignPerformance(new MarketingAccount("globex", "pk_test_another_key"), LAST_WEEK);

    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(2);
  }

  @Test
  void limiterRefusesRatherThanWaitLongerThanAllowed() {
    KlaviyoMarketingAnalytics adapter = adapter(b -> b
        .reportLimits(List.of(new RequestLimit(1, Duration.ofMillis(300)), new RequestLimit(2, Duration.ofSeconds(30))))
        .limiterMaxWait(Duration.ofMillis(1500)));
    adapter.campaignPerformance(ACME, LAST_WEEK);
    adapter.campaignPerformance(ACME, LAST_WEEK);

    assertThatThrownBy(() -> adapter.campaignPerformance(ACME, LAST_WEEK))
        .isInstanceOfSatisfying(MarketingRateLimitedException.class, e -> {
          assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(20)));
          assertThat(e.getMessage()).contains("'acme'").contains("2 request(s) per PT30S");
        });
    assertThat(klaviyo.requests(CAMPAIGN_REPORT_ROUTE)).hasSize(2);
    assertThat(gapMillis(klaviyo.requests(CAMPAIGN_REPORT_ROUTE))).isGreaterThanOrEqualTo(250);
  }


  /** Counts and revenue add up exactly; rates are the delivered-weighted mean of the rows' rates. */
  private static void assertFigures(PerformanceStats stats, List<JsonNode> rows) {
    assertThat(stats.recipients()).isEqualTo(sumLong(rows, "recipients"));
    assertThat(stats.delivered()).isEqualTo(sumLong(rows, "delivered"));
    assertThat(stats.opens()).isEqualTo(sumLong(rows, "opens"));
    assertThat(stats.clicks()).isEqualTo(sumLong(rows, "clicks"));
    assertThat(stats.conversions()).isEqualTo(sumLong(rows, "conversions"));
    BigDecimal revenue = rows.stream()
        .map(r -> new BigDecimal(r.path("statistics").path("conversion_value").asText()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(stats.revenue()).isEqualByComparingTo(revenue);
    assertThat(stats.openRate()).isCloseTo(weightedRate(rows, "open_rate"), within(1e-9));
    assertThat(stats.clickRate()).isCloseTo(weightedRate(rows, "click_rate"), within(1e-9));
  }

  private static long sumLong(List<JsonNode> rows, String statistic) {
    return rows.stream().mapToLong(r -> Math.round(r.path("statistics").path(statistic).asDouble())).sum();
  }

  private static double weightedRate(List<JsonNode> rows, String rate) {
    double weighted = rows.stream()
        .mapToDouble(r -> r.path("statistics").path(rate).asDouble() * r.path("statistics").path("delivered").asDouble())
        .sum();
    return weighted / sumLong(rows, "delivered");
  }

  private static Map<String, JsonNode> listedCampaigns() {
    Map<String, JsonNode> all = new HashMap<>();
    for (String page : List.of("campaigns-list-page1.json", "campaigns-list-page2.json")) {
      Fixtures.json(page).path("data").forEach(c -> all.put(c.path("id").asText(), c));
    }
    return all;
  }

  /**
   * The adapter after one report: connections open, code warm, account and metric cached, so that a
   * timeout test times only the calls it scripts, even on a busy machine.
   */
  private KlaviyoMarketingAnalytics warmedUp(KlaviyoMarketingAnalytics adapter) {
    adapter.campaignPerformance(ACME, LAST_WEEK);
    return adapter;
  }

  private static UpstreamCall reportCall(List<UpstreamCall> calls) {
    return calls.stream().filter(c -> c.operation().startsWith("POST")).findFirst().orElseThrow();
  }

  private static long gapMillis(List<Recorded> requests) {
    assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
    return millisBetween(requests.get(requests.size() - 2), requests.get(requests.size() - 1));
  }

  private static long millisBetween(Recorded first, Recorded second) {
    return Duration.ofNanos(second.atNanos() - first.atNanos()).toMillis();
  }
}
