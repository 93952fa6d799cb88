package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.marketing.SampleMarketingAnalytics;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.chat.ChatSession;
import dev.toolgate.ports.chat.ChatTurn;
import dev.toolgate.ports.chat.ToolLog;
import dev.toolgate.ports.marketing.CampaignPerformance;
import dev.toolgate.ports.marketing.CampaignReport;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.FlowPerformance;
import dev.toolgate.ports.marketing.FlowReport;
import dev.toolgate.ports.marketing.MarketingAccount;
import dev.toolgate.ports.marketing.PerformanceStats;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatServiceTest {
  /** Thursday 5 November 2026, 14:30 UTC. */
  private static final Instant NOW = Instant.parse("2026-11-05T14:30:00Z");
  private static final MarketingAccount DEMO = new MarketingAccount("demo", "sample");

  private ChatFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private ChatFixture sampleFixture(Instant now, String zone) {
    fixture = new ChatFixture(now, null);
    fixture.client("demo", zone, MarketingBackend.SAMPLE);
    return fixture;
  }

  private SampleMarketingAnalytics sample() {
    return new SampleMarketingAnalytics(fixture.clock);
  }

  private static DateRange rangeOf(JsonNode evidence, String field, ZoneId zone) {
    JsonNode range = evidence.get(field);
    return DateRange.ofInclusive(
        LocalDate.parse(range.get("start").asText()), LocalDate.parse(range.get("end").asText()), zone);
  }

  private static List<PerformanceStats> campaignStats(CampaignReport report) {
    return report.campaigns().stream().map(CampaignPerformance::stats).toList();
  }

  // --- every intent, numbers equal to the sums of the data ---

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Auckland"})
  void summarizesLastWeekWithTheSumsOfTheSampleCampaigns(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    sampleFixture(NOW, zoneId);
    LocalDate today = LocalDate.ofInstant(NOW, zone);
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
    DateRange lastWeek = DateRange.ofInclusive(monday, monday.plusDays(6), zone);
    CampaignReport data = sample().campaignPerformance(DEMO, lastWeek);
    Expected expected = Expected.of(campaignStats(data));
    CampaignPerformance best =
        data.campaigns().stream().max(Comparator.comparing(c -> c.stats().revenue())).orElseThrow();

    ChatAnswer answer = fixture.answer("demo", "Summarize last week's campaign performance");

    assertThat(answer.intent()).isEqualTo("campaign_summary");
    assertThat(expected.count()).isPositive();
    assertThat(answer.text())
        .startsWith("Last week (Mon ")
        .contains(expected.count() + " campaigns went to " + Expected.count(expected.recipients()) + " recipients")
        .contains("(" + Expected.count(expected.delivered()) + " delivered)")
        .contains("a " + Expected.percent(expected.openRate()) + " open rate")
        .contains("a " + Expected.percent(expected.clickRate()) + " click rate")
        .contains(Expected.count(expected.conversions()) + " conversions")
        .contains(Expected.money(expected.revenue(), "USD") + " in revenue")
        .contains("“" + best.name() + "” with " + Expected.money(best.stats().revenue(), "USD"))
        .contains(Narrator.SAMPLE_NOTE);
    JsonNode evidence = answer.evidence();
    assertThat(evidence.at("/range/start").asText()).isEqualTo(monday.toString());
    assertThat(evidence.at("/range/end").asText()).isEqualTo(monday.plusDays(6).toString());
    assertThat(evidence.at("/range/time_zone").asText()).isEqualTo(zoneId);
    assertThat(evidence.at("/statistics/count").asLong()).isEqualTo(expected.count());
    assertThat(evidence.at("/statistics/totals/revenue").decimalValue()).isEqualByComparingTo(expected.revenue());
    assertThat(evidence.get("sample_data").asBoolean()).isTrue();
    assertThat(answer.sampleData()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "how did campaigns do today                | Asia/Tokyo",
        "campaign results yesterday                | America/New_York",
        "campaigns this week                       | Europe/Berlin",
        "campaign revenue in the last 7 days       | UTC",
        "campaign summary for the last 30 days     | Australia/Sydney",
        "campaign summary for the last 90 days     | America/Los_Angeles",
        "how did campaigns perform this month      | Europe/London",
        "campaign performance last month           | Asia/Kolkata",
        "campaigns on 2026-10-27                   | UTC",
        "campaigns from 2026-10-01 to 2026-10-15   | Europe/Berlin",
        "campaign results in september 2026        | America/Sao_Paulo",
      })
  void everyPeriodGetsTheSumsOfItsDays(String question, String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    sampleFixture(NOW, zoneId);

    ChatAnswer answer = fixture.answer("demo", question);

    DateRange range = rangeOf(answer.evidence(), "range", zone);
    CampaignReport data = sample().campaignPerformance(DEMO, range);
    Expected expected = Expected.of(campaignStats(data));
    assertThat(answer.intent()).isEqualTo("campaign_summary");
    assertThat(answer.evidence().at("/tool_calls/0/arguments/start").asText()).isEqualTo(range.start().toString());
    assertThat(answer.evidence().at("/tool_calls/0/arguments/end").asText()).isEqualTo(range.endInclusive().toString());
    if (expected.count() == 0) {
      assertThat(answer.text()).contains("no campaigns were sent");
    } else {
      assertThat(answer.text())
          .contains(Expected.count(expected.recipients()) + " recipients")
          .contains(Expected.money(expected.revenue(), "USD") + " in revenue")
          .contains(Expected.percent(expected.openRate()) + " open rate");
    }
  }

  @Test
  void resolvesADaylightSavingDayAndAMonthEdgeInTheClientsZone() {
    // 29 March 2026 has 23 hours in Berlin; 1 March 03:00 UTC is still February in Los Angeles.
    sampleFixture(Instant.parse("2026-03-30T10:00:00Z"), "Europe/Berlin");
    ChatAnswer dst = fixture.answer("demo", "campaigns yesterday");
    fixture.close();
    sampleFixture(Instant.parse("2026-03-01T03:00:00Z"), "America/Los_Angeles");
    ChatAnswer edge = fixture.answer("demo", "campaign performance last month");

    assertThat(dst.evidence().at("/range/from").asText()).isEqualTo("2026-03-28T23:00:00Z");
    assertThat(dst.evidence().at("/range/until").asText()).isEqualTo("2026-03-29T22:00:00Z");
    assertThat(edge.evidence().at("/range/start").asText()).isEqualTo("2026-01-01");
    assertThat(edge.evidence().at("/range/end").asText()).isEqualTo("2026-01-31");
    DateRange january = rangeOf(edge.evidence(), "range", ZoneId.of("America/Los_Angeles"));
    Expected expected = Expected.of(campaignStats(sample().campaignPerformance(DEMO, january)));
    assertThat(edge.text())
        .startsWith("Last month (Thu 1 Jan – Sat 31 Jan 2026)")
        .contains(expected.count() + " campaigns went to " + Expected.count(expected.recipients()) + " recipients")
        .contains(Expected.money(expected.revenue(), "USD") + " in revenue");
  }

  @Test
  void ranksTopCampaignsByTheAskedMetric() {
    sampleFixture(NOW, "Europe/Berlin");

    ChatAnswer byRevenue = fixture.answer("demo", "top 3 campaigns by revenue last month");
    ChatAnswer byOpenRate = fixture.answer("demo", "top 2 campaigns by open rate last month");

    DateRange october = DateRange.ofInclusive(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31"), ZoneId.of("Europe/Berlin"));
    List<CampaignPerformance> campaigns = sample().campaignPerformance(DEMO, october).campaigns();
    List<CampaignPerformance> topRevenue =
        campaigns.stream().sorted(Comparator.comparing((CampaignPerformance c) -> c.stats().revenue()).reversed()).limit(3).toList();
    List<CampaignPerformance> topOpen =
        campaigns.stream().sorted(Comparator.comparingDouble((CampaignPerformance c) -> c.stats().openRate()).reversed()).limit(2).toList();
    Expected all = Expected.of(campaigns.stream().map(CampaignPerformance::stats).toList());

    assertThat(byRevenue.intent()).isEqualTo("top_campaigns");
    assertThat(byRevenue.text())
        .contains("the top 3 campaigns by revenue: 1. “" + topRevenue.get(0).name() + "” — "
            + Expected.money(topRevenue.get(0).stats().revenue(), "USD") + "; 2. “" + topRevenue.get(1).name() + "” — "
            + Expected.money(topRevenue.get(1).stats().revenue(), "USD") + "; 3. “" + topRevenue.get(2).name() + "” — "
            + Expected.money(topRevenue.get(2).stats().revenue(), "USD") + ".")
        .contains(campaigns.size() + " campaigns were sent in all, with " + Expected.money(all.revenue(), "USD"));
    assertThat(byRevenue.evidence().at("/statistics/ranked/0/id").asText()).isEqualTo(topRevenue.get(0).id());
    assertThat(byOpenRate.text())
        .contains("1. “" + topOpen.get(0).name() + "” — " + Expected.percent(topOpen.get(0).stats().openRate()) + " open rate")
        .contains("2. “" + topOpen.get(1).name() + "” — " + Expected.percent(topOpen.get(1).stats().openRate()) + " open rate");
    assertThat(byOpenRate.evidence().get("metric").asText()).isEqualTo("open_rate");
  }

  @Test
  void namesTheSingleBestCampaignByConversions() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "which campaign had the most conversions last week?");

    DateRange lastWeek = DateRange.ofInclusive(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-01"), ZoneId.of("UTC"));
    CampaignPerformance best =
        sample().campaignPerformance(DEMO, lastWeek).campaigns().stream()
            .max(Comparator.comparingLong((CampaignPerformance c) -> c.stats().conversions())
                .thenComparing(CampaignPerformance::name, Comparator.reverseOrder()))
            .orElseThrow();
    assertThat(answer.text())
        .contains("the top campaign by conversions was “" + best.name() + "” — "
            + Expected.count(best.stats().conversions()) + " conversions.");
  }

  @Test
  void summarizesFlowsWithTheSumsOfTheSampleFlows() {
    sampleFixture(NOW, "America/New_York");

    ChatAnswer answer = fixture.answer("demo", "How did our flows do in the last 30 days?");

    DateRange range = rangeOf(answer.evidence(), "range", ZoneId.of("America/New_York"));
    FlowReport data = sample().flowPerformance(DEMO, range);
    Expected expected = Expected.of(data.flows().stream().map(FlowPerformance::stats).toList());
    FlowPerformance best = data.flows().stream().max(Comparator.comparing(f -> f.stats().revenue())).orElseThrow();
    assertThat(range.days()).isEqualTo(30);
    assertThat(answer.intent()).isEqualTo("flow_performance");
    assertThat(answer.evidence().at("/tool_calls/0/tool").asText()).isEqualTo("flow_performance");
    assertThat(answer.text())
        .contains(expected.count() + " flows delivered " + Expected.count(expected.delivered()) + " of "
            + Expected.count(expected.recipients()) + " messages")
        .contains(Expected.percent(expected.openRate()) + " open rate")
        .contains(Expected.money(expected.revenue(), "USD") + " in revenue")
        .contains("The top flow by revenue was “" + best.name() + "”");
  }

  @Test
  void comparesThisMonthWithTheSameDaysOfLastMonth() {
    sampleFixture(NOW, "Europe/Berlin");
    ZoneId zone = ZoneId.of("Europe/Berlin");

    ChatAnswer answer = fixture.answer("demo", "compare this month with last month");

    DateRange current = rangeOf(answer.evidence(), "range", zone);
    DateRange previous = rangeOf(answer.evidence(), "comparison_range", zone);
    assertThat(current.start()).hasToString("2026-11-01");
    assertThat(current.endInclusive()).hasToString("2026-11-05");
    assertThat(previous.start()).hasToString("2026-10-01");
    assertThat(previous.endInclusive()).hasToString("2026-10-05");
    Expected now = Expected.of(campaignStats(sample().campaignPerformance(DEMO, current)));
    Expected before = Expected.of(campaignStats(sample().campaignPerformance(DEMO, previous)));
    double change = now.revenue().subtract(before.revenue()).doubleValue() / before.revenue().doubleValue() * 100;
    assertThat(answer.intent()).isEqualTo("period_comparison");
    assertThat(answer.text())
        .contains("revenue " + Expected.money(now.revenue(), "USD") + " vs " + Expected.money(before.revenue(), "USD")
            + " (" + String.format(java.util.Locale.US, "%+.1f%%", change) + ")")
        .contains("conversions " + Expected.count(now.conversions()) + " vs " + Expected.count(before.conversions()))
        .contains("open rate " + Expected.percent(now.openRate()) + " vs " + Expected.percent(before.openRate()))
        .contains("from " + now.count() + " vs " + before.count() + " campaigns sent");
    assertThat(answer.evidence().get("tool_calls").size()).isEqualTo(2);
    assertThat(answer.evidence().at("/statistics/previous/totals/revenue").decimalValue())
        .isEqualByComparingTo(before.revenue());
  }

  @Test
  void comparesLastWeekWithTheWeekBeforeWhenOnlyOnePeriodIsNamed() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "how did last week compare to the week before?");

    assertThat(answer.evidence().at("/comparison_range/start").asText()).isEqualTo("2026-10-19");
    assertThat(answer.evidence().at("/comparison_range/end").asText()).isEqualTo("2026-10-25");
    assertThat(answer.text())
        .startsWith("Last week (Mon 26 Oct – Sun 1 Nov 2026) compared with the week before (Mon 19 Oct – Sun 25 Oct 2026): ");
  }

  @Test
  void comparesTheLastSevenDaysWithThePreviousSevenAndSaysWhich() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "compare campaigns last 7 days vs previous 7 days");

    assertThat(answer.text())
        .startsWith("Last 7 days (Thu 29 Oct – Wed 4 Nov 2026) compared with the previous 7 days"
            + " (Thu 22 Oct – Wed 28 Oct 2026): revenue ")
        .doesNotContain("differ in length");
    assertThat(answer.evidence().at("/comparison_range/label").asText()).isEqualTo("the previous 7 days");
    assertThat(answer.evidence().at("/tool_calls/1/arguments/start").asText()).isEqualTo("2026-10-22");
    assertThat(answer.evidence().at("/tool_calls/1/arguments/end").asText()).isEqualTo("2026-10-28");
  }

  @Test
  void saysPlainlyThatThisWeekHasOneDaySoFarWhenAskedOnAMonday() {
    // Sunday 6 December 20:00 UTC is Monday 7 December in Tokyo.
    sampleFixture(Instant.parse("2026-12-06T20:00:00Z"), "Asia/Tokyo");
    ZoneId zone = ZoneId.of("Asia/Tokyo");

    ChatAnswer answer = fixture.answer("demo", "compare this week with last week");

    DateRange current = rangeOf(answer.evidence(), "range", zone);
    DateRange previous = rangeOf(answer.evidence(), "comparison_range", zone);
    assertThat(current.start()).hasToString("2026-12-07");
    assertThat(current.endInclusive()).hasToString("2026-12-07");
    assertThat(previous.start()).hasToString("2026-11-30");
    assertThat(previous.endInclusive()).hasToString("2026-11-30");
    assertThat(answer.text())
        .startsWith("This week so far (1 day, Mon 7 Dec 2026) compared with the same day of last week"
            + " (Mon 30 Nov 2026): revenue ");
    assertThat(answer.evidence().at("/range/label").asText()).isEqualTo("this week so far");
    assertThat(answer.evidence().at("/comparison_range/label").asText()).isEqualTo("the same day of last week");
    Expected before = Expected.of(campaignStats(sample().campaignPerformance(DEMO, previous)));
    assertThat(answer.evidence().at("/statistics/previous/totals/revenue").decimalValue())
        .isEqualByComparingTo(before.revenue());
  }

  @Test
  void saysWhenTwoNamedPeriodsDifferInLength() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "compare campaigns october 2026 with september 2026");

    assertThat(answer.text())
        .startsWith("Thu 1 Oct – Sat 31 Oct 2026 compared with Tue 1 Sep – Wed 30 Sep 2026: ")
        .contains("The periods differ in length (31 days vs 30 days), so totals are not like for like.");
  }

  @Test
  void answersOtherQuestionsWithHelpAndCallsNothing() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "hello, who are you?");

    assertThat(answer.intent()).isEqualTo("help");
    assertThat(answer.text()).contains("I can answer questions about campaign and flow performance");
    assertThat(answer.evidence().get("tool_calls").size()).isZero();
    assertThat(answer.evidence().get("sample_data").asBoolean()).isFalse();
    assertThat(fixture.audit.read(AuditQuery.tail(10))).isEmpty();
  }

  @Test
  void explainsAnUnreadableDate() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "campaign revenue for next week");

    assertThat(answer.intent()).isEqualTo("help");
    assertThat(answer.text()).startsWith("'next week' is in the future");
  }

  @Test
  void saysWhenNoPeriodWasNamed() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "summarize campaign performance");

    assertThat(answer.text()).startsWith("Last 7 days (Thu 29 Oct – Wed 4 Nov 2026)")
        .contains("No period was named, so I used the last 7 days.");
    assertThat(answer.evidence().get("range_defaulted").asBoolean()).isTrue();
  }

  // --- the pipeline: cache, audit, policy ---

  @Test
  void servesTheSameQuestionFromTheCacheForFifteenMinutes() {
    sampleFixture(NOW, "UTC");

    ChatAnswer first = fixture.answer("demo", "summarize last week's campaigns");
    fixture.clock.advance(Duration.ofMinutes(1));
    ChatAnswer second = fixture.answer("demo", "campaign summary for last week");
    fixture.clock.advance(Duration.ofMinutes(15));
    ChatAnswer third = fixture.answer("demo", "campaign summary for last week");

    assertThat(first.evidence().at("/tool_calls/0/cache_hit").asBoolean()).isFalse();
    assertThat(second.evidence().at("/tool_calls/0/cache_hit").asBoolean()).isTrue();
    assertThat(second.evidence().at("/tool_calls/0/cache_age_ms").asLong()).isEqualTo(60_000);
    assertThat(third.evidence().at("/tool_calls/0/cache_hit").asBoolean()).isFalse();
    assertThat(second.evidence().get("statistics")).isEqualTo(first.evidence().get("statistics"));
  }

  @Test
  void keepsTheCacheOfEachClientApart() {
    sampleFixture(NOW, "UTC");
    fixture.client("demo-2", "UTC", MarketingBackend.SAMPLE);

    fixture.answer("demo", "campaigns last week");
    ChatAnswer other = fixture.answer("demo-2", "campaigns last week");

    assertThat(other.evidence().at("/tool_calls/0/cache_hit").asBoolean()).isFalse();
  }

  @Test
  void auditsEachToolCallUnderTheClientAndTheTurnsRequestId() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "compare this week with last week");

    List<AuditRecord> records = fixture.audit.read(AuditQuery.page(null, 100));
    assertThat(records).hasSize(2);
    assertThat(records).allSatisfy(r -> {
      assertThat(r.entry().requestId()).isEqualTo(answer.requestId());
      assertThat(r.entry().clientKey()).isEqualTo("demo");
      assertThat(r.entry().keyId()).isEqualTo("agent1");
      assertThat(r.entry().tool()).isEqualTo("campaign_performance");
      assertThat(r.entry().outcome()).isEqualTo("executed");
    });
  }

  @Test
  void saysSoWhenTheClientMayNotUseTheToolAndCallsNothing() {
    sampleFixture(NOW, "UTC");
    ClientProfile demo = fixture.clients.find("demo").orElseThrow();
    fixture.clients.upsert(
        new ClientProfile("demo", demo.displayName(), demo.timeZone(), Set.of(), Set.of("campaign_performance"), null,
            MarketingBackend.SAMPLE));

    ChatAnswer answer = fixture.answer("demo", "campaigns last week");

    assertThat(answer.intent()).isEqualTo("help");
    assertThat(answer.text())
        .startsWith("You may not use the campaign_performance tool for this client, which answers questions about campaigns.");
    assertThat(answer.evidence().get("tool_calls").size()).isZero();
    assertThat(fixture.sessions.toolLogs(answer.requestId())).isEmpty();
    assertThat(fixture.audit.read(AuditQuery.tail(10))).isEmpty();
  }

  // --- persistence ---

  @Test
  void storesSessionTurnsAndToolLogs() {
    sampleFixture(NOW, "UTC");

    ChatAnswer first = fixture.answer("demo", "compare this week with last week");
    fixture.clock.advance(Duration.ofSeconds(30));
    ChatAnswer second = fixture.answer("demo", "top campaigns by revenue last month", first.sessionId());

    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    ChatSession session = fixture.sessions.findSession(first.sessionId()).orElseThrow();
    assertThat(session.clientKey()).isEqualTo("demo");
    assertThat(session.turnCount()).isEqualTo(2);
    assertThat(session.createdAt()).isEqualTo(NOW);
    assertThat(session.lastActiveAt()).isEqualTo(NOW.plusSeconds(30));
    List<ChatTurn> turns = fixture.sessions.turns(first.sessionId(), 10);
    assertThat(turns).extracting(ChatTurn::id).containsExactly(first.turnId(), second.turnId());
    assertThat(turns.get(0).question()).isEqualTo("compare this week with last week");
    assertThat(turns.get(0).answer()).isEqualTo(first.text());
    assertThat(turns.get(0).evidence()).isEqualTo(first.evidence());
    assertThat(turns.get(1).intent()).isEqualTo("top_campaigns");
    assertThat(turns.get(1).keyId()).isEqualTo("agent1");
    List<ToolLog> logs = fixture.sessions.toolLogs(first.requestId());
    assertThat(logs).extracting(ToolLog::index).containsExactly(0, 1);
    assertThat(logs).allSatisfy(log -> {
      assertThat(log.turnId()).isEqualTo(first.turnId());
      assertThat(log.sessionId()).isEqualTo(first.sessionId());
      assertThat(log.outcome()).isEqualTo("ok");
      assertThat(log.result().at("/provenance/sample_data").asBoolean()).isTrue();
    });
    assertThat(logs.get(0).arguments()).isEqualTo(first.evidence().at("/tool_calls/0/arguments"));
  }

  @Test
  void startsASessionWithACallerChosenId() {
    sampleFixture(NOW, "UTC");

    ChatAnswer answer = fixture.answer("demo", "campaigns yesterday", "web-tab-42");

    assertThat(answer.sessionId()).isEqualTo("web-tab-42");
    assertThat(fixture.sessions.findSession("web-tab-42")).map(ChatSession::turnCount).contains(1);
  }

  @Test
  void numbersConcurrentTurnsOfOneSessionWithoutGaps() throws Exception {
    sampleFixture(NOW, "UTC");
    String session = fixture.answer("demo", "campaigns yesterday").sessionId();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ChatAnswer>> futures =
          IntStream.range(0, 6)
              .mapToObj(i -> pool.submit(() -> fixture.answer("demo", "campaigns last " + (i + 2) + " days", session)))
              .toList();
      for (Future<ChatAnswer> future : futures) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(fixture.sessions.turns(session, 20)).extracting(ChatTurn::seq).containsExactly(1, 2, 3, 4, 5, 6, 7);
  }

  // --- refusals ---

  @Test
  void refusesBadQuestionsAndForeignClientsWithoutStoringAnything() {
    sampleFixture(NOW, "UTC");
    fixture.client("acme", "UTC", MarketingBackend.SAMPLE);
    String acmeSession = fixture.answer("acme", "campaigns yesterday").sessionId();
    Principal demoOnly = new Principal("k2", "k2", Set.of(Role.AGENT), "demo", Set.of(), Set.of(), null);

    assertThat(fixture.ask(ChatFixture.agent(), "demo", "   ", null))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("invalid_question"));
    assertThat(fixture.ask(ChatFixture.agent(), "demo", "x".repeat(2001), null))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("invalid_question"));
    assertThat(fixture.ask(ChatFixture.agent(), "nobody", "campaigns yesterday", null))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("unknown_client"));
    assertThat(fixture.ask(demoOnly, "acme", "campaigns yesterday", null))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("client_not_allowed"));
    assertThat(fixture.ask(ChatFixture.agent(), "demo", "campaigns yesterday", "bad id!"))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("invalid_session_id"));
    assertThat(fixture.ask(ChatFixture.agent(), "demo", "campaigns yesterday", acmeSession))
        .isInstanceOfSatisfying(ChatOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("session_client_mismatch"));
    assertThat(fixture.sessions.turns(acmeSession, 10)).hasSize(1);
    assertThat(fixture.audit.read(AuditQuery.tail(100))).hasSize(1);
  }

  @Test
  void aClientScopedKeyChatsAboutItsOwnClient() {
    sampleFixture(NOW, "UTC");
    Principal demoOnly = new Principal("k2", "k2", Set.of(Role.AGENT), "demo", Set.of(), Set.of(), null);

    ChatOutcome outcome = fixture.ask(demoOnly, "demo", "campaigns yesterday", null);

    assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
  }

  // --- real (stand-in) backend ---

  @Test
  void readsAKlaviyoClientWithItsDecryptedKeyAndShowsUpstreamEvidence() {
    StandInAnalytics klaviyo = new StandInAnalytics();
    fixture = new ChatFixture(NOW, klaviyo);
    fixture.client("acme", "Europe/Berlin", MarketingBackend.KLAVIYO);
    fixture.gateway.clients().putSecret(ChatFixture.admin(), "acme", "klaviyo_api_key", "pk_live_abc123XYZ", "req-secret");

    ChatAnswer answer = fixture.answer("acme", "summarize last week's campaign performance");

    assertThat(klaviyo.accounts).containsExactly(new MarketingAccount("acme", "pk_live_abc123XYZ"));
    Expected expected = Expected.of(List.of(StandInAnalytics.SPRING, StandInAnalytics.EASTER));
    assertThat(answer.text())
        .contains("2 campaigns went to " + Expected.count(expected.recipients()) + " recipients")
        .contains(Expected.money(expected.revenue(), "EUR") + " in revenue")
        .contains("“Spring Sale” with €4,210.40")
        .contains("The account counts days in its own time zone, America/New_York.")
        .doesNotContain("sample");
    JsonNode call = answer.evidence().at("/tool_calls/0");
    assertThat(call.get("source").asText()).isEqualTo("klaviyo");
    assertThat(call.get("upstream_request_ids")).extracting(JsonNode::asText).containsExactly("req-up-1", "req-up-2");
    assertThat(call.at("/upstream_calls/0/attempts").asInt()).isEqualTo(2);
    assertThat(call.get("api_revision").asText()).isEqualTo("2026-07-15");
    assertThat(answer.evidence().get("currency").asText()).isEqualTo("EUR");
    assertThat(answer.sampleData()).isFalse();
    assertThat(answer.evidence().toString()).doesNotContain("pk_live_abc123XYZ");
  }

  @Test
  void saysWhenTheAccountHasNoConversionMetric() {
    StandInAnalytics klaviyo = new StandInAnalytics();
    fixture = new ChatFixture(NOW, klaviyo);
    fixture.client("acme", "America/New_York", MarketingBackend.KLAVIYO);
    fixture.gateway.clients().putSecret(ChatFixture.admin(), "acme", "klaviyo_api_key", "pk_live_abc123XYZ", "req-secret");

    ChatAnswer answer = fixture.answer("acme", "flows last week");

    assertThat(answer.text()).contains("Conversions and revenue were not measured");
  }

  @Test
  void explainsAMissingOrRefusedKeyAndAClientWithoutBackend() {
    StandInAnalytics klaviyo = new StandInAnalytics();
    fixture = new ChatFixture(NOW, klaviyo);
    fixture.client("acme", "UTC", MarketingBackend.KLAVIYO);
    fixture.client("plain", "UTC", MarketingBackend.NONE);

    ChatAnswer missing = fixture.answer("acme", "campaigns last week");
    fixture.gateway.clients().putSecret(ChatFixture.admin(), "acme", "klaviyo_api_key", "pk_revoked", "req-secret");
    klaviyo.refuseKey = true;
    ChatAnswer refused = fixture.answer("acme", "campaigns yesterday");
    ChatAnswer none = fixture.answer("plain", "campaigns last week");

    assertThat(missing.text()).contains("client 'acme' has no klaviyo API key stored").contains("(upstream_rejected)");
    assertThat(refused.text()).contains("Klaviyo refused the API key of client 'acme'").contains("toolgate clients add acme");
    assertThat(refused.text()).doesNotContain("pk_revoked");
    assertThat(none.text()).contains("client 'plain' has no marketing account connected");
  }

  @Test
  void chatNeedsChatSessionsInTheBuilder() {
    try (Toolgate withoutChat =
        Toolgate.builder()
            .apiKeys(new InMemoryApiKeyStore())
            .clientProfiles(new InMemoryClientProfileStore())
            .idempotency(new InMemoryIdempotencyStore())
            .approvals(new InMemoryApprovalStore())
            .audit(new InMemoryAuditLog())
            .cache(new InMemoryResponseCache())
            .usage(new InMemoryUsageLedger())
            .build()) {
      assertThatThrownBy(withoutChat::chat).isInstanceOf(IllegalStateException.class).hasMessageContaining("chatSessions");
    }
  }
}
