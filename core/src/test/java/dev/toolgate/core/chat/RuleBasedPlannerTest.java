package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedPlannerTest {
  private static final RuleBasedPlanner PLANNER = new RuleBasedPlanner();
  /** Thursday 5 November 2026, 10:00 UTC. */
  private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");

  private static Plan plan(String text, Instant now, String zone) {
    return PLANNER.plan(new PlanningRequest(text, now, ZoneId.of(zone), List.of(), MARKETING_TOOLS, List.of()));
  }

  /** The two report tools, as a principal allowed both sees them. */
  static final List<ToolDefinition> MARKETING_TOOLS =
      List.of(report(RuleBasedPlanner.CAMPAIGN_TOOL), report(RuleBasedPlanner.FLOW_TOOL));

  private static ToolDefinition report(String name) {
    return new ToolDefinition(
        name, name, "reports performance", ToolCategory.READ, Json.object(), Json.object(), ToolAnnotations.read());
  }

  private static Plan.Query query(String text) {
    Plan plan = plan(text, NOW, "UTC");
    assertThat(plan).as(text).isInstanceOf(Plan.Query.class);
    return (Plan.Query) plan;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Summarize last week's campaign performance        | campaign_summary       | 2026-10-26",
        "How did our emails do yesterday?                  | campaign_summary       | 2026-11-04",
        "revenue this month                                | campaign_summary       | 2026-11-01",
        "How did our flows perform in the last 30 days?    | flow_performance       | 2026-10-06",
        "automation results last month                     | flow_performance       | 2026-10-01",
        "top 5 campaigns by revenue last month             | top_campaigns          | 2026-10-01",
        "what was our best campaign last week              | top_campaigns          | 2026-10-26",
        "which flow brought the most conversions this week | top_flows              | 2026-11-02",
        "compare this month with last month                | period_comparison      | 2026-11-01",
        "how did last week compare to the week before      | period_comparison      | 2026-10-26",
        "flows this week vs last week                      | flow_period_comparison | 2026-11-02",
      })
  void recognisesEachIntent(String text, String intent, String start) {
    Plan.Query plan = query(text);

    assertThat(plan.intent()).isEqualTo(intent);
    assertThat(plan.range().start()).hasToString(start);
    assertThat(plan.rangeDefaulted()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "top campaigns by revenue last week        | REVENUE     | 3",
        "top 5 campaigns by open rate last week    | OPEN_RATE   | 5",
        "best 2 campaigns by click rate last week  | CLICK_RATE  | 2",
        "top ten campaigns by conversions          | CONVERSIONS | 10",
        "which campaign had the most clicks        | CLICK_RATE  | 1",
        "highest revenue campaign yesterday        | REVENUE     | 1",
        "top 80 campaigns                          | REVENUE     | 50",
      })
  void readsRankingMetricAndCount(String text, Plan.Metric metric, int limit) {
    Plan.Query plan = query(text);

    assertThat(plan.kind()).isEqualTo(Plan.Kind.TOP);
    assertThat(plan.metric()).isEqualTo(metric);
    assertThat(plan.limit()).isEqualTo(limit);
  }

  @Test
  void comparesWithThePeriodBeforeUnlessASecondIsNamed() {
    Plan.Query single = query("how did last week compare to the week before");
    Plan.Query pair = query("compare last month against march 2026");

    assertThat(single.comparison().start()).hasToString("2026-10-19");
    assertThat(single.comparison().endInclusive()).hasToString("2026-10-25");
    assertThat(pair.range().start()).hasToString("2026-10-01");
    assertThat(pair.comparison().start()).hasToString("2026-03-01");
    assertThat(pair.comparison().endInclusive()).hasToString("2026-03-31");
  }

  @Test
  void usesTheLastSevenDaysWhenNoPeriodIsNamed() {
    Plan.Query plan = query("summarize campaign performance");

    assertThat(plan.rangeDefaulted()).isTrue();
    assertThat(plan.rangeLabel()).isEqualTo("last 7 days");
    assertThat(plan.range().start()).hasToString("2026-10-29");
    assertThat(plan.range().endInclusive()).hasToString("2026-11-04");
  }

  @Test
  void answersAnythingElseWithHelp() {
    assertThat(plan("hello", NOW, "UTC")).isEqualTo(new Plan.Help(null));
    assertThat(plan("what's the weather yesterday?", NOW, "UTC")).isEqualTo(new Plan.Help(null));
    assertThat(plan("what can you do?", NOW, "UTC").intent()).isEqualTo("help");
  }

  @Test
  void explainsUnreadablePeriodsInTheHelp() {
    Plan plan = plan("campaign revenue on 2026-02-30", NOW, "UTC");

    assertThat(plan).isInstanceOf(Plan.Help.class);
    assertThat(((Plan.Help) plan).reason()).contains("2026-02-30");
  }

  @Test
  void resolvesTodayInTheClientsTimeZone() {
    // Sunday 1 November 23:30 UTC is already Monday morning in Tokyo, still Sunday afternoon in LA.
    Instant now = Instant.parse("2026-11-01T23:30:00Z");

    Plan.Query tokyo = (Plan.Query) plan("campaigns this week", now, "Asia/Tokyo");
    Plan.Query angeles = (Plan.Query) plan("campaigns this week", now, "America/Los_Angeles");
    Plan.Query utcYesterday = (Plan.Query) plan("campaigns yesterday", now, "UTC");

    assertThat(tokyo.range().start()).hasToString("2026-11-02");
    assertThat(tokyo.range().endInclusive()).hasToString("2026-11-02");
    assertThat(angeles.range().start()).hasToString("2026-10-26");
    assertThat(angeles.range().endInclusive()).hasToString("2026-11-01");
    assertThat(utcYesterday.range().start()).hasToString("2026-10-31");
    assertThat(tokyo.range().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void resolvesLastMonthAcrossAMonthEdgeByZone() {
    // 1 March 03:00 UTC is still 28 February in Los Angeles.
    Instant now = Instant.parse("2026-03-01T03:00:00Z");

    Plan.Query utc = (Plan.Query) plan("campaigns last month", now, "UTC");
    Plan.Query angeles = (Plan.Query) plan("campaigns last month", now, "America/Los_Angeles");

    assertThat(utc.range().start()).hasToString("2026-02-01");
    assertThat(utc.range().endInclusive()).hasToString("2026-02-28");
    assertThat(angeles.range().start()).hasToString("2026-01-01");
    assertThat(angeles.range().endInclusive()).hasToString("2026-01-31");
  }

  @Test
  void daysAcrossDaylightSavingChangesKeepTheirLocalMidnights() {
    Plan.Query springForward =
        (Plan.Query) plan("campaigns yesterday", Instant.parse("2026-03-30T10:00:00Z"), "Europe/Berlin");
    Plan.Query fallBack =
        (Plan.Query) plan("campaigns yesterday", Instant.parse("2026-11-02T15:00:00Z"), "America/New_York");

    assertThat(springForward.range().start()).hasToString("2026-03-29");
    assertThat(springForward.range().startInstant()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(springForward.range().endInstant()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(fallBack.range().start()).hasToString("2026-11-01");
    assertThat(fallBack.range().startInstant()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(fallBack.range().endInstant()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
  }

  // --- comparisons use the real previous period (rough edge 16) ---

  private static void assertComparison(
      Plan.Query plan, String start, String end, String label, String previousStart, String previousEnd,
      String previousLabel) {
    assertThat(plan.kind()).isEqualTo(Plan.Kind.COMPARISON);
    assertThat(plan.range().start()).hasToString(start);
    assertThat(plan.range().endInclusive()).hasToString(end);
    assertThat(plan.rangeLabel()).isEqualTo(label);
    assertThat(plan.comparison().start()).hasToString(previousStart);
    assertThat(plan.comparison().endInclusive()).hasToString(previousEnd);
    assertThat(plan.comparisonLabel()).isEqualTo(previousLabel);
  }

  @Test
  void comparesTheLastSevenDaysWithTheSevenDaysBeforeThemNotWithThemselves() {
    Plan.Query plan = query("compare campaigns last 7 days vs previous 7 days");

    assertComparison(
        plan, "2026-10-29", "2026-11-04", "last 7 days", "2026-10-22", "2026-10-28", "the previous 7 days");
  }

  @Test
  void readsThePreviousSevenDaysBackFromTheFirstPeriodInTheClientsZone() {
    // 03:00 UTC on Thursday is still Wednesday evening in Los Angeles: the days end on Tuesday there.
    Plan.Query plan =
        (Plan.Query) plan("compare campaigns last 7 days vs previous 7 days", Instant.parse("2026-11-05T03:00:00Z"),
            "America/Los_Angeles");

    assertComparison(
        plan, "2026-10-28", "2026-11-03", "last 7 days", "2026-10-21", "2026-10-27", "the previous 7 days");
    assertThat(plan.comparison().zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(plan.comparison().startInstant()).isEqualTo(Instant.parse("2026-10-21T07:00:00Z"));
  }

  @Test
  void comparesTheSameDaysOfLastWeekWhenAskedOnAMonday() {
    // Sunday 6 December 20:00 UTC is Monday 7 December 05:00 in Tokyo: this week has one day there.
    Instant sundayEveningUtc = Instant.parse("2026-12-06T20:00:00Z");

    Plan.Query tokyo = (Plan.Query) plan("compare this week with last week", sundayEveningUtc, "Asia/Tokyo");
    Plan.Query utc = (Plan.Query) plan("compare this week with last week", sundayEveningUtc, "UTC");
    Plan.Query mondayUtc =
        (Plan.Query) plan("compare this week with last week", Instant.parse("2026-12-07T09:00:00Z"), "UTC");

    assertComparison(
        tokyo, "2026-12-07", "2026-12-07", "this week so far", "2026-11-30", "2026-11-30", "the same day of last week");
    assertThat(tokyo.comparison().startInstant()).isEqualTo(Instant.parse("2026-11-29T15:00:00Z"));
    assertComparison(
        utc, "2026-11-30", "2026-12-06", "this week so far", "2026-11-23", "2026-11-29", "the same days of last week");
    assertComparison(
        mondayUtc, "2026-12-07", "2026-12-07", "this week so far", "2026-11-30", "2026-11-30",
        "the same day of last week");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "compare this week with the previous week | 2026-11-02 | 2026-11-05 | this week so far | 2026-10-26 | 2026-10-29 | the same days of last week",
        "campaigns this month vs last month       | 2026-11-01 | 2026-11-05 | this month so far | 2026-10-01 | 2026-10-05 | the same days of last month",
        "revenue last month vs the previous month | 2026-10-01 | 2026-10-31 | last month | 2026-09-01 | 2026-09-30 | the previous month",
        "campaigns last week vs the prior week    | 2026-10-26 | 2026-11-01 | last week | 2026-10-19 | 2026-10-25 | the prior week",
        "revenue last 7 days vs past 7 days       | 2026-10-29 | 2026-11-04 | last 7 days | 2026-10-22 | 2026-10-28 | the 7 days before",
        "compare last 14 days                     | 2026-10-22 | 2026-11-04 | last 14 days | 2026-10-08 | 2026-10-21 | the 14 days before",
        "compare today with yesterday             | 2026-11-05 | 2026-11-05 | today so far | 2026-11-04 | 2026-11-04 | all of yesterday",
      })
  void comparesEachPeriodWithTheRightOneBefore(
      String text, String start, String end, String label, String previousStart, String previousEnd,
      String previousLabel) {
    assertComparison(query(text), start, end, label, previousStart, previousEnd, previousLabel);
  }

  @Test
  void keepsTwoNamedPeriodsAsTheyWereAsked() {
    Plan.Query plan = query("compare 2026-10-01 to 2026-10-07 with 2026-09-01 to 2026-09-07");

    assertComparison(
        plan, "2026-10-01", "2026-10-07", "2026-10-01 to 2026-10-07", "2026-09-01", "2026-09-07", null);
  }

  // --- tools ---

  @Test
  void namesTheToolForTheSubject() {
    assertThat(query("campaigns last week").tool()).isEqualTo("campaign_performance");
    assertThat(query("flows last week").tool()).isEqualTo("flow_performance");
  }

  @Test
  void answersWithHelpWhenThePrincipalMayNotCallTheTool() {
    Plan plan =
        PLANNER.plan(
            new PlanningRequest(
                "flows last week", NOW, ZoneId.of("UTC"), List.of(), List.of(MARKETING_TOOLS.get(0)), List.of()));

    assertThat(plan).isEqualTo(
        new Plan.Help("you may not use the flow_performance tool for this client, which answers questions about flows"));
  }
}
