package dev.toolgate.core.chat;

import dev.toolgate.ports.marketing.DateRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the periods named in a question and resolves them to whole days in the client's time zone,
 * relative to today there. Weeks start on Monday (ISO-8601). "Last N days" are the N full days
 * before today (today, still under way, is not included — as Klaviyo counts them); "this week",
 * "this month" and "this year" run to today inclusive and are labelled "so far", since they are
 * still under way. A date without a year is its latest occurrence up to today. Each period also
 * knows the one before it, for comparisons, and how to name it: the previous week, month or year for
 * calendar periods ("the week before"), the same days of the previous one for a period still under
 * way ("the same days of last week"), otherwise the same number of days just before ("the 7 days
 * before"). See {@link #comparison} for how a second period named in the question is read.
 */
final class TimePhrases {
  /** Klaviyo reports at most one year. */
  static final int MAX_DAYS = 366;

  /** Appended to the label of a period that runs to today, which is not over yet. */
  static final String SO_FAR = " so far";

  /**
   * One period found in the text.
   *
   * @param start where its phrase starts in the text
   * @param end where its phrase ends in the text
   * @param phrase the phrase as written (lower case)
   * @param previous the period before it, to compare with
   * @param label how it was asked for: the phrase ({@code last week}, {@code this week so far}) or,
   *     for explicit dates, their ISO form
   * @param previousLabel how to name {@code previous}: {@code the week before}, {@code the same days
   *     of last week}…; null when {@code previous} is best shown by its dates alone
   * @param explicit whether the user named the dates themselves
   * @param partial whether the period runs to today and so is still under way
   */
  record Found(
      int start,
      int end,
      String phrase,
      DateRange range,
      DateRange previous,
      String label,
      String previousLabel,
      boolean explicit,
      boolean partial) {}

  /** The period a comparison is made against, and how the answer names it (null: by its dates). */
  record Comparison(DateRange range, String label) {}

  /** The periods found, in the order they appear, or why the text could not be read. */
  sealed interface Result {
    record Periods(List<Found> found) implements Result {}

    record Unreadable(String reason) implements Result {}
  }

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String ORDINAL = "(?:st|nd|rd|th)?";
  private static final String ISO = "(\\d{4})-(\\d{1,2})-(\\d{1,2})";
  private static final String DMY = "(\\d{1,2})" + ORDINAL + "\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+(\\d{4}))?\\b";
  private static final String MDY = MONTH + "\\s+(\\d{1,2})" + ORDINAL + "\\b(?:,?\\s+(\\d{4})\\b)?";
  private static final String DATE = "(?:" + ISO + "|" + DMY + "|" + MDY + ")";
  private static final String TO = "\\s*(?:-|–|—|\\.\\.|to|until|till|through|thru)\\s*";

  private static final Pattern BETWEEN =
      Pattern.compile("\\bbetween\\s+(" + DATE + ")\\s+and\\s+(" + DATE + ")");
  private static final Pattern RANGE = Pattern.compile("(?:\\bfrom\\s+)?\\b(" + DATE + ")" + TO + "(" + DATE + ")");
  private static final Pattern MONTH_DAYS =
      Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})" + ORDINAL + TO + "(\\d{1,2})" + ORDINAL + "\\b(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern DAYS_MONTH =
      Pattern.compile("\\b(\\d{1,2})" + ORDINAL + TO + "(\\d{1,2})" + ORDINAL + "\\s+" + MONTH + "(?:,?\\s+(\\d{4}))?\\b");
  private static final Pattern SINGLE = Pattern.compile("\\b" + DATE);
  private static final Pattern MONTH_YEAR = Pattern.compile("\\b" + MONTH + "\\s+(\\d{4})\\b");
  private static final Pattern IN_MONTH = Pattern.compile("\\b(?:in|during|for)\\s+" + MONTH + "(?!\\w)");

  private static final String N = "(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty|sixty|ninety)";
  private static final String LAST = "(?:last|past|previous|prior|trailing)";
  private static final Pattern LAST_N_DAYS = Pattern.compile("\\b" + LAST + "\\s+" + N + "\\s+days?\\b");
  private static final Pattern LAST_N_WEEKS = Pattern.compile("\\b" + LAST + "\\s+" + N + "\\s+weeks?\\b");
  private static final Pattern LAST_N_MONTHS = Pattern.compile("\\b" + LAST + "\\s+" + N + "\\s+months?\\b");
  private static final Pattern TODAY = Pattern.compile("\\btoday\\b");
  private static final Pattern YESTERDAY = Pattern.compile("\\byesterday\\b");
  private static final Pattern THIS_WEEK = Pattern.compile("\\b(?:this|current)\\s+week\\b|\\bweek[\\s-]to[\\s-]date\\b|\\bwtd\\b");
  private static final Pattern LAST_WEEK = Pattern.compile("\\b(?:last|previous|prior)\\s+week\\b");
  private static final Pattern PAST_WEEK = Pattern.compile("\\bpast\\s+week\\b");
  private static final Pattern THIS_MONTH = Pattern.compile("\\b(?:this|current)\\s+month\\b|\\bmonth[\\s-]to[\\s-]date\\b|\\bmtd\\b");
  private static final Pattern LAST_MONTH = Pattern.compile("\\b(?:last|previous|prior)\\s+month\\b");
  private static final Pattern PAST_MONTH = Pattern.compile("\\bpast\\s+month\\b");
  private static final Pattern THIS_YEAR = Pattern.compile("\\b(?:this|current)\\s+year\\b|\\byear[\\s-]to[\\s-]date\\b|\\bytd\\b");
  private static final Pattern FUTURE =
      Pattern.compile("\\b(?:tomorrow|next\\s+(?:week|month|year|\\d+\\s+days?)|upcoming|coming\\s+(?:week|month))\\b");
  private static final Pattern LAST_YEAR = Pattern.compile("\\b(?:last|previous|prior)\\s+year\\b");
  /** A second period written as relative to the first: "previous 7 days", "the prior week". */
  private static final Pattern RELATIVE_TO_FIRST = Pattern.compile("(?:previous|prior|preceding)\\b");

  private static final Map<String, Integer> WORDS =
      Map.ofEntries(
          Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
          Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
          Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
          Map.entry("fourteen", 14), Map.entry("thirty", 30), Map.entry("sixty", 60), Map.entry("ninety", 90));

  private final LocalDate today;
  private final ZoneId zone;
  private final String text;
  private final boolean[] taken;
  private final List<Found> found = new ArrayList<>();

  private TimePhrases(String text, LocalDate today, ZoneId zone) {
    this.text = text;
    this.today = today;
    this.zone = zone;
    this.taken = new boolean[text.length()];
  }

  /** The periods in {@code text} (any case), resolved relative to {@code today} in {@code zone}. */
  static Result find(String text, LocalDate today, ZoneId zone) {
    TimePhrases phrases = new TimePhrases(text.toLowerCase(Locale.ROOT), today, zone);
    try {
      phrases.scan();
    } catch (UnreadableException e) {
      return new Result.Unreadable(e.getMessage());
    }
    phrases.found.sort(Comparator.comparingInt(Found::start));
    return new Result.Periods(List.copyOf(phrases.found));
  }

  /** The {@code days} full days before {@code today}: what a question without a period is about. */
  static Found lastDays(LocalDate today, ZoneId zone, int days) {
    return new TimePhrases("", today, zone).lastDays(days, "last " + days + " days");
  }

  /**
   * What the first period found is compared with. With one period: the one before it. With two,
   * the second — except where reading it literally would compare the wrong days:
   *
   * <ul>
   *   <li>a second period written relative to the first ("last 7 days vs <b>previous</b> 7 days",
   *       "this week vs the prior week") is resolved back from the first period's start, not from today;
   *   <li>a second period equal to the first ("last 7 days vs past 7 days") means the one before it;
   *   <li>when the first is still under way ("this week" on a Monday) and the second is the calendar
   *       period that holds its previous span ("last week"), the same days of it are used, so one day
   *       is not compared with seven.
   * </ul>
   */
  static Comparison comparison(List<Found> found, ZoneId zone) {
    Found current = found.get(0);
    if (found.size() == 1) {
      return new Comparison(current.previous(), current.previousLabel());
    }
    Found other = found.get(1);
    String otherLabel = other.explicit() ? null : other.label();
    if (!other.explicit() && RELATIVE_TO_FIRST.matcher(other.phrase()).lookingAt()
        && find(other.phrase(), current.range().start(), zone) instanceof Result.Periods again
        && again.found().size() == 1) {
      other = again.found().get(0);
      otherLabel = "the " + other.phrase();
    }
    if (other.range().equals(current.range())
        || current.partial() && contains(other.range(), current.previous())) {
      return new Comparison(current.previous(), current.previousLabel());
    }
    return new Comparison(other.range(), otherLabel);
  }

  private static boolean contains(DateRange outer, DateRange inner) {
    return !inner.start().isBefore(outer.start()) && !inner.endExclusive().isAfter(outer.endExclusive());
  }

  private void scan() {
    Matcher future = FUTURE.matcher(text);
    if (future.find()) {
      throw new UnreadableException(
          "'" + future.group() + "' is in the future; I can only report on days up to today (" + today + ")");
    }
    explicit(BETWEEN, m -> range(date(m, 1), date(m, 11)));
    explicit(RANGE, m -> range(date(m, 1), date(m, 11)));
    explicit(MONTH_DAYS, m -> {
      Integer year = number(m.group(4));
      return range(
          new Parts(year, month(m.group(1)), Integer.parseInt(m.group(2))),
          new Parts(year, month(m.group(1)), Integer.parseInt(m.group(3))));
    });
    explicit(DAYS_MONTH, m -> {
      Integer year = number(m.group(4));
      return range(
          new Parts(year, month(m.group(3)), Integer.parseInt(m.group(1))),
          new Parts(year, month(m.group(3)), Integer.parseInt(m.group(2))));
    });
    explicit(SINGLE, m -> {
      LocalDate day = resolve(date(m, 0), null);
      return new LocalDate[] {day, day};
    });
    calendarMonth(MONTH_YEAR, m -> YearMonth.of(Integer.parseInt(m.group(2)), month(m.group(1))));
    calendarMonth(IN_MONTH, m -> {
      YearMonth candidate = YearMonth.of(today.getYear(), month(m.group(1)));
      return candidate.atDay(1).isAfter(today) ? candidate.minusYears(1) : candidate;
    });

    relative(LAST_N_DAYS, m -> lastDays(count(m.group(1), "days"), m.group()));
    relative(LAST_N_WEEKS, m -> lastDays(count(m.group(1), "weeks") * 7, m.group()));
    relative(LAST_N_MONTHS, m -> {
      int months = count(m.group(1), "months");
      LocalDate start = today.withDayOfMonth(1).minusMonths(months);
      LocalDate end = today.withDayOfMonth(1).minusDays(1);
      return found(
          range(start, end), range(start.minusMonths(months), start.minusDays(1)), m.group(),
          "the " + (months == 1 ? "month" : months + " months") + " before", false);
    });
    relative(TODAY, m -> {
      LocalDate day = today.minusDays(1);
      return found(range(today, today), range(day, day), "today" + SO_FAR, "all of yesterday", true);
    });
    relative(YESTERDAY, m -> {
      LocalDate day = today.minusDays(1);
      return found(range(day, day), range(day.minusDays(1), day.minusDays(1)), "yesterday", "the day before", false);
    });
    relative(THIS_WEEK, m -> {
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return found(
          range(monday, today), range(monday.minusWeeks(1), today.minusWeeks(1)), "this week" + SO_FAR,
          "the same " + (monday.equals(today) ? "day" : "days") + " of last week", true);
    });
    relative(LAST_WEEK, m -> {
      LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
      return found(
          range(monday, monday.plusDays(6)), range(monday.minusWeeks(1), monday.minusDays(1)), "last week",
          "the week before", false);
    });
    relative(PAST_WEEK, m -> lastDays(7, "past week"));
    relative(THIS_MONTH, m -> {
      LocalDate first = today.withDayOfMonth(1);
      LocalDate previousFirst = first.minusMonths(1);
      LocalDate previousEnd = previousFirst.plusDays(Math.min(today.getDayOfMonth(), previousFirst.lengthOfMonth()) - 1);
      return found(
          range(first, today), range(previousFirst, previousEnd), "this month" + SO_FAR,
          "the same " + (first.equals(today) ? "day" : "days") + " of last month", true);
    });
    relative(LAST_MONTH, m -> {
      LocalDate first = today.withDayOfMonth(1).minusMonths(1);
      return found(month(first), month(first.minusMonths(1)), "last month", "the month before", false);
    });
    relative(PAST_MONTH, m -> lastDays(30, "past month"));
    relative(THIS_YEAR, m -> {
      LocalDate first = today.withDayOfYear(1);
      return found(
          range(first, today), range(first.minusYears(1), today.minusYears(1)), "this year" + SO_FAR,
          "the same " + (first.equals(today) ? "day" : "days") + " of last year", true);
    });
    relative(LAST_YEAR, m -> {
      LocalDate first = today.withDayOfYear(1).minusYears(1);
      return found(
          range(first, first.plusYears(1).minusDays(1)), range(first.minusYears(1), first.minusDays(1)), "last year",
          "the year before", false);
    });
  }

  /** The parts of a date as written; the year may be missing. */
  private record Parts(Integer year, Month month, int day) {}

  private Found lastDays(int days, String label) {
    LocalDate end = today.minusDays(1);
    LocalDate start = today.minusDays(days);
    return found(range(start, end), range(start.minusDays(days), start.minusDays(1)), label, daysBefore(days), false);
  }

  private static String daysBefore(long days) {
    return days == 1 ? "the day before" : "the " + days + " days before";
  }

  /** A relative period; where its phrase is in the text is filled in by {@link #relative}. */
  private static Found found(DateRange range, DateRange previous, String label, String previousLabel, boolean partial) {
    return new Found(0, 0, label, range, previous, label, previousLabel, false, partial);
  }

  private void relative(Pattern pattern, Function<Matcher, Found> resolve) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (free(m)) {
        Found f = resolve.apply(m);
        take(m, new Found(
            m.start(), m.end(), m.group(), f.range(), f.previous(), f.label(), f.previousLabel(), false, f.partial()));
      }
    }
  }

  private void calendarMonth(Pattern pattern, Function<Matcher, YearMonth> resolve) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (free(m)) {
        YearMonth month = resolve.apply(m);
        LocalDate first = month.atDay(1);
        if (first.isAfter(today)) {
          throw new UnreadableException(
              month + " has not begun yet; I can only report on days up to today (" + today + ")");
        }
        boolean partial = month.atEndOfMonth().isAfter(today);
        LocalDate last = partial ? today : month.atEndOfMonth();
        DateRange previous = month(first.minusMonths(1));
        String previousLabel = null;
        if (partial) {
          // Still under way: against the same days of the month before, not all of it.
          YearMonth before = month.minusMonths(1);
          previous = range(before.atDay(1), before.atDay(Math.min(today.getDayOfMonth(), before.lengthOfMonth())));
          previousLabel = "the same days of " + before.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
              + " " + before.getYear();
        }
        take(m, new Found(
            m.start(), m.end(), m.group(), range(first, last), previous, month.toString(), previousLabel, true, partial));
      }
    }
  }

  private void explicit(Pattern pattern, Function<Matcher, LocalDate[]> resolve) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (!free(m)) {
        continue;
      }
      LocalDate[] days = resolve.apply(m);
      LocalDate first = days[0];
      LocalDate last = days[1];
      if (last.isBefore(first)) {
        throw new UnreadableException("the period " + first + " to " + last + " ends before it starts");
      }
      if (first.isAfter(today)) {
        throw new UnreadableException(first + " is in the future; I can only report on days up to today (" + today + ")");
      }
      if (last.isAfter(today)) {
        last = today;
      }
      DateRange range = range(first, last);
      String label = first.equals(last) ? first.toString() : first + " to " + last;
      take(m, new Found(
          m.start(), m.end(), m.group(), range, range.previous(), label, daysBefore(range.days()), true, false));
    }
  }

  private LocalDate[] range(Parts from, Parts to) {
    LocalDate end = resolve(to, null);
    return new LocalDate[] {resolve(from, end), end};
  }

  /**
   * A date from its parts. Without a year: its latest occurrence up to {@code anchor} (the end of the
   * range it starts) or, without an anchor, up to today.
   */
  private LocalDate resolve(Parts parts, LocalDate anchor) {
    String written =
        (parts.year() == null ? "" : parts.year() + "-")
            + String.format(Locale.ROOT, "%02d-%02d", parts.month().getValue(), parts.day());
    MonthDay monthDay;
    try {
      monthDay = MonthDay.of(parts.month(), parts.day());
    } catch (DateTimeException e) {
      throw new UnreadableException("'" + written + "' is not a calendar date");
    }
    if (parts.year() != null) {
      if (!monthDay.isValidYear(parts.year())) {
        throw new UnreadableException("'" + written + "' is not a calendar date");
      }
      return monthDay.atYear(parts.year());
    }
    LocalDate bound = anchor == null ? today : anchor;
    // February 29 recurs only every four years; every other date within one year back.
    for (int year = bound.getYear(); year >= bound.getYear() - 4; year--) {
      if (monthDay.isValidYear(year) && !monthDay.atYear(year).isAfter(bound)) {
        return monthDay.atYear(year);
      }
    }
    throw new UnreadableException("'" + written + "' is not a calendar date");
  }

  /** The date in the alternative of {@link #DATE} whose groups start after group {@code offset}. */
  private static Parts date(Matcher m, int offset) {
    if (m.group(offset + 1) != null) {
      return new Parts(
          Integer.parseInt(m.group(offset + 1)), monthNumber(m.group(offset + 2)), Integer.parseInt(m.group(offset + 3)));
    }
    if (m.group(offset + 4) != null) {
      return new Parts(number(m.group(offset + 6)), month(m.group(offset + 5)), Integer.parseInt(m.group(offset + 4)));
    }
    return new Parts(number(m.group(offset + 9)), month(m.group(offset + 7)), Integer.parseInt(m.group(offset + 8)));
  }

  private static Month monthNumber(String text) {
    int value = Integer.parseInt(text);
    if (value < 1 || value > 12) {
      throw new UnreadableException("'" + text + "' is not a month number (1-12)");
    }
    return Month.of(value);
  }

  private static Month month(String name) {
    String prefix = name.replace(".", "").substring(0, 3);
    for (Month month : Month.values()) {
      if (month.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return month;
      }
    }
    throw new IllegalStateException("the month pattern matched '" + name + "', which names no month");
  }

  private static Integer number(String text) {
    return text == null ? null : Integer.valueOf(text);
  }

  private static int count(String text, String unit) {
    int value = WORDS.containsKey(text) ? WORDS.get(text) : Integer.parseInt(text);
    int max = switch (unit) {
      case "days" -> MAX_DAYS;
      case "weeks" -> MAX_DAYS / 7;
      default -> 12;
    };
    if (value < 1 || value > max) {
      throw new UnreadableException("I can report on 1 to " + max + " " + unit + " at a time, not " + value);
    }
    return value;
  }

  private DateRange range(LocalDate first, LocalDate last) {
    DateRange range = DateRange.ofInclusive(first, last, zone);
    if (range.days() > MAX_DAYS) {
      throw new UnreadableException(
          "the period " + first + " to " + last + " spans " + range.days() + " days; I can report on at most "
              + MAX_DAYS + " at a time");
    }
    return range;
  }

  private DateRange month(LocalDate first) {
    return DateRange.ofInclusive(first, first.withDayOfMonth(first.lengthOfMonth()), zone);
  }

  private boolean free(Matcher m) {
    for (int i = m.start(); i < m.end(); i++) {
      if (taken[i]) {
        return false;
      }
    }
    return true;
  }

  private void take(Matcher m, Found f) {
    for (int i = m.start(); i < m.end(); i++) {
      taken[i] = true;
    }
    found.add(f);
  }

  /** Ends the scan with a reason the user can act on. */
  private static final class UnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message, null, false, false);
    }
  }
}
