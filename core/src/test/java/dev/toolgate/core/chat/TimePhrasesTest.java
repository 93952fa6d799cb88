package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.marketing.DateRange;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimePhrasesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** A Thursday. */
  private static final LocalDate THURSDAY = LocalDate.parse("2026-11-05");

  private static List<TimePhrases.Found> found(String text, LocalDate today) {
    TimePhrases.Result result = TimePhrases.find(text, today, BERLIN);
    assertThat(result).as(text).isInstanceOf(TimePhrases.Result.Periods.class);
    return ((TimePhrases.Result.Periods) result).found();
  }

  private static TimePhrases.Found one(String text, LocalDate today) {
    List<TimePhrases.Found> all = found(text, today);
    assertThat(all).as(text).hasSize(1);
    return all.get(0);
  }

  private static String unreadable(String text, LocalDate today) {
    TimePhrases.Result result = TimePhrases.find(text, today, BERLIN);
    assertThat(result).as(text).isInstanceOf(TimePhrases.Result.Unreadable.class);
    return ((TimePhrases.Result.Unreadable) result).reason();
  }

  private static String days(DateRange range) {
    return range.start() + ".." + range.endInclusive();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "how did we do today                    | 2026-11-05..2026-11-05 | 2026-11-04..2026-11-04 | today so far",
        "campaigns yesterday                    | 2026-11-04..2026-11-04 | 2026-11-03..2026-11-03 | yesterday",
        "this week so far                       | 2026-11-02..2026-11-05 | 2026-10-26..2026-10-29 | this week so far",
        "summarize last week's performance      | 2026-10-26..2026-11-01 | 2026-10-19..2026-10-25 | last week",
        "previous week                          | 2026-10-26..2026-11-01 | 2026-10-19..2026-10-25 | last week",
        "the past week                          | 2026-10-29..2026-11-04 | 2026-10-22..2026-10-28 | past week",
        "last 7 days                            | 2026-10-29..2026-11-04 | 2026-10-22..2026-10-28 | last 7 days",
        "in the past seven days                 | 2026-10-29..2026-11-04 | 2026-10-22..2026-10-28 | past seven days",
        "last 30 days                           | 2026-10-06..2026-11-04 | 2026-09-06..2026-10-05 | last 30 days",
        "LAST 90 DAYS                           | 2026-08-07..2026-11-04 | 2026-05-09..2026-08-06 | last 90 days",
        "last 2 weeks                           | 2026-10-22..2026-11-04 | 2026-10-08..2026-10-21 | last 2 weeks",
        "this month                             | 2026-11-01..2026-11-05 | 2026-10-01..2026-10-05 | this month so far",
        "month to date                          | 2026-11-01..2026-11-05 | 2026-10-01..2026-10-05 | this month so far",
        "last month                             | 2026-10-01..2026-10-31 | 2026-09-01..2026-09-30 | last month",
        "last 3 months                          | 2026-08-01..2026-10-31 | 2026-05-01..2026-07-31 | last 3 months",
        "this year                              | 2026-01-01..2026-11-05 | 2025-01-01..2025-11-05 | this year so far",
        "last year                              | 2025-01-01..2025-12-31 | 2024-01-01..2024-12-31 | last year",
        "on 2026-03-05                          | 2026-03-05..2026-03-05 | 2026-03-04..2026-03-04 | 2026-03-05",
        "on 5 March 2026                        | 2026-03-05..2026-03-05 | 2026-03-04..2026-03-04 | 2026-03-05",
        "on March 5th, 2026                     | 2026-03-05..2026-03-05 | 2026-03-04..2026-03-04 | 2026-03-05",
        "on march 5                             | 2026-03-05..2026-03-05 | 2026-03-04..2026-03-04 | 2026-03-05",
        "on dec 24                              | 2025-12-24..2025-12-24 | 2025-12-23..2025-12-23 | 2025-12-24",
        "2026-03-01 to 2026-03-07               | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "from 2026-03-01 - 2026-03-07           | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "from March 1 to March 7                | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "between 1 mar 2026 and 7 mar 2026      | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "march 1-7                              | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "1–7 march 2026                         | 2026-03-01..2026-03-07 | 2026-02-22..2026-02-28 | 2026-03-01 to 2026-03-07",
        "dec 28 to jan 3                        | 2025-12-28..2026-01-03 | 2025-12-21..2025-12-27 | 2025-12-28 to 2026-01-03",
        "2026-10-20 to 2026-12-31               | 2026-10-20..2026-11-05 | 2026-10-03..2026-10-19 | 2026-10-20 to 2026-11-05",
        "in March 2026                          | 2026-03-01..2026-03-31 | 2026-02-01..2026-02-28 | 2026-03",
        "during october                         | 2026-10-01..2026-10-31 | 2026-09-01..2026-09-30 | 2026-10",
        "in november                            | 2026-11-01..2026-11-05 | 2026-10-01..2026-10-05 | 2026-11",
        "in december                            | 2025-12-01..2025-12-31 | 2025-11-01..2025-11-30 | 2025-12",
      })
  void resolvesEachPhraseRelativeToToday(String text, String range, String previous, String label) {
    TimePhrases.Found found = one(text, THURSDAY);

    assertThat(days(found.range())).isEqualTo(range);
    assertThat(days(found.previous())).isEqualTo(previous);
    assertThat(found.label()).isEqualTo(label);
    assertThat(found.range().zone()).isEqualTo(BERLIN);
  }

  @Test
  void explicitDatesAreMarkedExplicitAndRelativeOnesNot() {
    assertThat(one("2026-03-05", THURSDAY).explicit()).isTrue();
    assertThat(one("in march 2026", THURSDAY).explicit()).isTrue();
    assertThat(one("last week", THURSDAY).explicit()).isFalse();
  }

  @Test
  void weeksStartOnMondayEvenOnSundayAndMonday() {
    LocalDate sunday = LocalDate.parse("2026-11-08");
    LocalDate monday = LocalDate.parse("2026-11-09");

    assertThat(days(one("this week", sunday).range())).isEqualTo("2026-11-02..2026-11-08");
    assertThat(days(one("last week", sunday).range())).isEqualTo("2026-10-26..2026-11-01");
    assertThat(days(one("this week", monday).range())).isEqualTo("2026-11-09..2026-11-09");
    assertThat(days(one("last week", monday).range())).isEqualTo("2026-11-02..2026-11-08");
  }

  @Test
  void monthEdgesClipToShorterMonths() {
    LocalDate march31 = LocalDate.parse("2026-03-31");

    assertThat(days(one("last month", march31).range())).isEqualTo("2026-02-01..2026-02-28");
    assertThat(days(one("this month", march31).previous())).isEqualTo("2026-02-01..2026-02-28");
    assertThat(days(one("last month", LocalDate.parse("2028-03-01")).range())).isEqualTo("2028-02-01..2028-02-29");
    assertThat(days(one("this month", LocalDate.parse("2026-03-01")).range())).isEqualTo("2026-03-01..2026-03-01");
  }

  @Test
  void yearEdgeCarriesWeeksAndMonthsIntoThePreviousYear() {
    LocalDate newYear = LocalDate.parse("2027-01-01");

    assertThat(days(one("last week", newYear).range())).isEqualTo("2026-12-21..2026-12-27");
    assertThat(days(one("this week", newYear).range())).isEqualTo("2026-12-28..2027-01-01");
    assertThat(days(one("last month", newYear).range())).isEqualTo("2026-12-01..2026-12-31");
    assertThat(days(one("yesterday", newYear).range())).isEqualTo("2026-12-31..2026-12-31");
  }

  @Test
  void leapDayWithoutYearIsTheLatestOneThatExisted() {
    assertThat(days(one("on feb 29", THURSDAY).range())).isEqualTo("2024-02-29..2024-02-29");
  }

  @Test
  void findsTwoPeriodsInTheOrderWritten() {
    List<TimePhrases.Found> all = found("compare this week vs last week", THURSDAY);

    assertThat(all).extracting(TimePhrases.Found::label).containsExactly("this week so far", "last week");
  }

  @Test
  void textWithoutPeriodFindsNone() {
    assertThat(found("top campaigns by revenue", THURSDAY)).isEmpty();
    assertThat(found("top 5 marketing campaigns", THURSDAY)).isEmpty();
  }

  @Test
  void explainsWhatCannotBeRead() {
    assertThat(unreadable("on 2026-02-30", THURSDAY)).contains("'2026-02-30' is not a calendar date");
    assertThat(unreadable("on 2026-13-01", THURSDAY)).contains("'13' is not a month");
    assertThat(unreadable("from 2026-03-07 to 2026-03-01", THURSDAY)).contains("ends before it starts");
    assertThat(unreadable("on 2026-12-01", THURSDAY)).contains("in the future").contains("2026-11-05");
    assertThat(unreadable("next week", THURSDAY)).contains("in the future");
    assertThat(unreadable("tomorrow", THURSDAY)).contains("in the future");
    assertThat(unreadable("from 2024-01-01 to 2026-01-01", THURSDAY)).contains("at most 366");
    assertThat(unreadable("last 400 days", THURSDAY)).contains("1 to 366 days");
  }

  // --- what a comparison is made against ---

  private static TimePhrases.Comparison comparison(String text, LocalDate today) {
    return TimePhrases.comparison(found(text, today), BERLIN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "last week                          | 2026-10-19..2026-10-25 | the week before",
        "this week                          | 2026-10-26..2026-10-29 | the same days of last week",
        "last 7 days                        | 2026-10-22..2026-10-28 | the 7 days before",
        "last 7 days vs previous 7 days     | 2026-10-22..2026-10-28 | the previous 7 days",
        "last 7 days vs prior 14 days       | 2026-10-15..2026-10-28 | the prior 14 days",
        "last 7 days vs last 7 days         | 2026-10-22..2026-10-28 | the 7 days before",
        "this week vs last week             | 2026-10-26..2026-10-29 | the same days of last week",
        "this week vs previous week         | 2026-10-26..2026-10-29 | the same days of last week",
        "this month vs last month           | 2026-10-01..2026-10-05 | the same days of last month",
        "this year vs last year             | 2025-01-01..2025-11-05 | the same days of last year",
        "in november vs october             | 2026-10-01..2026-10-05 | the same days of October 2026",
        "last month vs march 2026           | 2026-03-01..2026-03-31 | ",
        "2026-03-08 to 2026-03-14           | 2026-03-01..2026-03-07 | the 7 days before",
      })
  void comparesWithTheRealPreviousPeriod(String text, String range, String label) {
    TimePhrases.Comparison comparison = comparison(text, THURSDAY);

    assertThat(days(comparison.range())).isEqualTo(range);
    assertThat(comparison.label()).isEqualTo(label);
  }

  @Test
  void thisWeekOnAMondayIsOneDayAgainstTheSameDayOfLastWeek() {
    LocalDate monday = LocalDate.parse("2026-11-09");

    TimePhrases.Found thisWeek = one("this week", monday);
    TimePhrases.Comparison comparison = comparison("compare this week with last week", monday);

    assertThat(days(thisWeek.range())).isEqualTo("2026-11-09..2026-11-09");
    assertThat(thisWeek.partial()).isTrue();
    assertThat(days(comparison.range())).isEqualTo("2026-11-02..2026-11-02");
    assertThat(comparison.label()).isEqualTo("the same day of last week");
  }
}
