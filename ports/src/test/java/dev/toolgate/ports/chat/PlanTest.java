package dev.toolgate.ports.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.marketing.DateRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static final DateRange WEEK =
      DateRange.ofInclusive(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-01"), ZoneOffset.UTC);

  @Test
  void aToolCallPlanNeedsACallAndCopiesThem() {
    assertThatThrownBy(() -> new Plan.CallTools(List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one call");
    assertThat(new Plan.CallTools(List.of(new PlannedCall(null, "x", null)), null).intent()).isEqualTo("tool_calls");
    assertThat(new Plan.Answer("done", null).intent()).isEqualTo("answer");
  }

  @Test
  void aPlannedCallOwnsACopyOfItsArguments() {
    ObjectNode arguments = Json.object();
    arguments.put("a", 1);

    PlannedCall call = new PlannedCall("c1", "tool", arguments);
    arguments.put("a", 2);

    assertThat(call.arguments().get("a").asInt()).isEqualTo(1);
    assertThat(new PlannedCall(null, "tool", null).arguments()).isEqualTo(Json.object());
  }

  @Test
  void modelUsageRefusesNegativeCountsAndCostsQuotingThem() {
    assertThatThrownBy(() -> new ModelUsage("openai", "gpt", -1, 0, BigDecimal.ZERO, false))
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new ModelUsage("openai", "gpt", 1, 1, new BigDecimal("-0.01"), false))
        .hasMessageContaining("-0.01");
    assertThatThrownBy(() -> new ModelUsage(" ", "gpt", 1, 1, BigDecimal.ZERO, false))
        .hasMessageContaining("provider");
    assertThat(new ModelUsage("openai", "gpt", 10, 5, BigDecimal.ONE, true).totalTokens()).isEqualTo(15);
  }

  @Test
  void aQueryNamesItsToolAndLabelsOnlyAComparison() {
    Plan.Query summary =
        new Plan.Query(Plan.Kind.SUMMARY, Plan.Subject.CAMPAIGNS, "campaign_performance", WEEK, null, null, null, 0,
            "last week", false);

    assertThat(summary.tool()).isEqualTo("campaign_performance");
    assertThatThrownBy(
            () -> new Plan.Query(Plan.Kind.SUMMARY, Plan.Subject.CAMPAIGNS, "campaign_performance", WEEK, null,
                "the week before", null, 0, "last week", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the week before");
  }
}
