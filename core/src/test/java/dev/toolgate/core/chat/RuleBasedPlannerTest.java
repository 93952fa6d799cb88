package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.PlanningRequest;
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
    return PLANNER.plan(new PlanningRequest(text, now, ZoneId.of(zone), List.of()));
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
}
