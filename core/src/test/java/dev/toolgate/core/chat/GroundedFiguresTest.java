package dev.toolgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundedFiguresTest {
  private static final String RESULT = """
      {"currency":"EUR","range":{"start":"2026-10-26","end":"2026-11-01"},
       "totals":{"revenue":1234.47,"open_rate":0.4213,"clicks":1187,"conversions":12,"change":-0.05},
       "note":"12.5% of recipients unsubscribed"}""";

  private static GroundedFigures.Check check(String answer) {
    return GroundedFigures.check(answer, List.of(Json.parse(RESULT)), List.of("top 3 campaigns last week", "2026-11-05"));
  }

  @Test
  void figuresWrittenInAnyUsualFormatMatchTheirSourceToTheirOwnPrecision() {
    GroundedFigures.Check check = check(
        "Revenue was €1,234.5 (1.234,47 in German notation, about 1.2k, $1,234), with a 42% open rate (42.1%),"
            + " 1,187 clicks and 12 conversions, down 5% on 2026-10-26 to 2026-11-01. The top 3 campaigns:\n"
            + "1. Spring sale\n2) Welcome. 12.5% unsubscribed.");

    assertThat(check.ungrounded()).isEmpty();
    assertThat(check.checked()).isGreaterThanOrEqualTo(12);
  }

  @Test
  void listsFiguresFoundInNoSourceOnceEach() {
    GroundedFigures.Check check = check(
        "Revenue was 1,500 EUR, an open rate of 48%, 1,187 clicks; 1,500 EUR is a record, since 2026-09-01."
            + " Orders: 0.43 per click.");

    assertThat(check.ungrounded()).containsExactly("2026-09-01", "1,500", "48%", "0.43");
  }

  @Test
  void namesAndVersionsAreNotFigures() {
    assertThat(check("gpt-6 and Q3 and v2.1-beta said 12 conversions").ungrounded()).isEmpty();
  }

  @Test
  void aTurnWithoutToolCallsGroundsOnlyTheQuestionsNumbers() {
    GroundedFigures.Check check = GroundedFigures.check("You had 3 campaigns making 900 EUR.", List.of(),
        List.of("top 3 campaigns"));

    assertThat(check.ungrounded()).containsExactly("900");
  }
}
