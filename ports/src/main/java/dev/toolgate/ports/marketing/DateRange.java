package dev.toolgate.ports.marketing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A range of whole calendar days, {@code start} inclusive to {@code endExclusive} exclusive, as seen
 * in {@code zone} (the client's time zone, where phrases such as "last week" were resolved).
 *
 * <p>Whole days rather than instants because marketing platforms report by calendar day in the
 * <em>account's</em> time zone (Klaviyo ignores any offset sent and applies the account's zone). An
 * adapter sends the wall-clock day boundaries; when the account's zone differs from {@code zone} it
 * says so in {@link Provenance#reportTimeZone()} so the answer can mention it.
 *
 * @param start first day of the range
 * @param endExclusive the day after the last day; strictly after {@code start}
 * @param zone the time zone the days are meant in
 */
public record DateRange(LocalDate start, LocalDate endExclusive, ZoneId zone) {

  public DateRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(endExclusive, "endExclusive");
    Objects.requireNonNull(zone, "zone");
    if (!endExclusive.isAfter(start)) {
      throw new IllegalArgumentException(
          "date range end " + endExclusive + " (exclusive) must be after its start " + start);
    }
  }

  /** The range of the days {@code first} to {@code last}, both inclusive. */
  public static DateRange ofInclusive(LocalDate first, LocalDate last, ZoneId zone) {
    Objects.requireNonNull(last, "last");
    return new DateRange(first, last.plusDays(1), zone);
  }

  /** The last day of the range (inclusive). */
  public LocalDate endInclusive() {
    return endExclusive.minusDays(1);
  }

  /** Number of days in the range (at least 1). */
  public long days() {
    return ChronoUnit.DAYS.between(start, endExclusive);
  }

  /** The same number of days immediately before this range, for period comparisons. */
  public DateRange previous() {
    return new DateRange(start.minusDays(days()), start, zone);
  }

  /** The first instant of the range: midnight (or the first valid time) of {@code start} in {@code zone}. */
  public Instant startInstant() {
    return start.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the range. */
  public Instant endInstant() {
    return endExclusive.atStartOfDay(zone).toInstant();
  }
}
