package dev.toolgate.ports.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void inclusiveDaysBecomeAnExclusiveEnd() {
    DateRange week = DateRange.ofInclusive(LocalDate.of(2026, 7, 13), LocalDate.of(2026, 7, 19), NEW_YORK);

    assertThat(week.endExclusive()).isEqualTo(LocalDate.of(2026, 7, 20));
    assertThat(week.endInclusive()).isEqualTo(LocalDate.of(2026, 7, 19));
    assertThat(week.days()).isEqualTo(7);
  }

  @Test
  void previousIsTheSameLengthJustBefore() {
    DateRange week = DateRange.ofInclusive(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7), NEW_YORK);

    assertThat(week.previous())
        .isEqualTo(DateRange.ofInclusive(LocalDate.of(2026, 2, 22), LocalDate.of(2026, 2, 28), NEW_YORK));
  }

  @Test
  void instantsFollowTheZoneAcrossDaylightSavingTime() {
    // 2026-03-08 is the spring-forward day in New York: 23 hours long.
    DateRange day = DateRange.ofInclusive(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 8), NEW_YORK);

    assertThat(day.startInstant()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(day.endInstant()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
  }

  @Test
  void emptyOrBackwardRangesAreRefusedNamingTheDates() {
    assertThatThrownBy(() -> new DateRange(LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 2), NEW_YORK))
        .hasMessageContaining("2026-07-02");
    assertThatThrownBy(() -> DateRange.ofInclusive(LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 1), NEW_YORK))
        .hasMessageContaining("2026-07-02");
  }
}
