package dev.toolgate.ports.chat;

import dev.toolgate.ports.marketing.DateRange;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Planner} decided. The rule-based planner answers with a marketing lookup
 * ({@link Query}) or explains what can be asked ({@link Help}); a model-backed planner asks for tool
 * calls ({@link CallTools}) — after which it is asked to plan again with their results — until it
 * gives its final text ({@link Answer}).
 */
public sealed interface Plan {
  /** The stable lower-case intent word recorded in turns and evidence, e.g. {@code top_campaigns}. */
  String intent();

  /** What is asked about. */
  enum Subject {
    CAMPAIGNS,
    FLOWS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What is done with it. */
  enum Kind {
    /** Totals and highlights over the range. */
    SUMMARY,
    /** The best few by a metric. */
    TOP,
    /** The range against the one before it. */
    COMPARISON
  }

  /** What campaigns or flows are ranked by. */
  enum Metric {
    REVENUE,
    OPEN_RATE,
    CLICK_RATE,
    CONVERSIONS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A lookup.
   *
   * @param kind summary, top or comparison
   * @param subject campaigns or flows
   * @param tool the tool that reports on {@code subject}, called once per period with
   *     {@code client_key}, {@code start} and {@code end} (e.g. {@code campaign_performance})
   * @param range the days asked about, in the client's time zone
   * @param comparison for {@link Kind#COMPARISON}: the period compared against — the real previous
   *     period of equal length, or the same days of the previous week/month/year when {@code range}
   *     is still under way; null otherwise
   * @param comparisonLabel for {@link Kind#COMPARISON}: how the answer names {@code comparison}, e.g.
   *     {@code the previous 7 days} or {@code the same days of last week}; null when the user named its
   *     dates (the answer then shows just the days) and always null otherwise
   * @param metric for {@link Kind#TOP}: what to rank by; null otherwise
   * @param limit for {@link Kind#TOP}: how many to show (1–50); 0 otherwise
   * @param rangeLabel how the range was asked for, e.g. {@code last week}, {@code this week so far} (a
   *     period still under way says so) or {@code 2026-03-01 to 2026-03-07}
   * @param rangeDefaulted true when the question named no period and a default was used
   */
  record Query(
      Kind kind,
      Subject subject,
      String tool,
      DateRange range,
      DateRange comparison,
      String comparisonLabel,
      Metric metric,
      int limit,
      String rangeLabel,
      boolean rangeDefaulted)
      implements Plan {

    public static final int MAX_LIMIT = 50;

    public Query {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(rangeLabel, "rangeLabel");
      if ((kind == Kind.COMPARISON) != (comparison != null)) {
        throw new IllegalArgumentException(
            "a comparison range is required for, and only for, a comparison; got kind " + kind + " and " + comparison);
      }
      if (comparison == null && comparisonLabel != null) {
        throw new IllegalArgumentException("a comparison label needs a comparison range; got '" + comparisonLabel + "'");
      }
      if ((kind == Kind.TOP) != (metric != null)) {
        throw new IllegalArgumentException(
            "a metric is required for, and only for, a top-N query; got kind " + kind + " and " + metric);
      }
      if (kind == Kind.TOP ? limit < 1 || limit > MAX_LIMIT : limit != 0) {
        throw new IllegalArgumentException(
            "limit must be 1-" + MAX_LIMIT + " for a top-N query and 0 otherwise; got " + limit + " for " + kind);
      }
    }

    /**
     * {@code campaign_summary}, {@code flow_performance}, {@code top_campaigns}, {@code top_flows},
     * {@code period_comparison} (campaigns) or {@code flow_period_comparison}.
     */
    @Override
    public String intent() {
      return switch (kind) {
        case SUMMARY -> subject == Subject.CAMPAIGNS ? "campaign_summary" : "flow_performance";
        case TOP -> "top_" + subject.wireName();
        case COMPARISON -> subject == Subject.CAMPAIGNS ? "period_comparison" : "flow_period_comparison";
      };
    }
  }

  /**
   * Nothing to look up: the answer explains what can be asked.
   *
   * @param reason why, in words for the user (e.g. that a date could not be read), or null when the
   *     question was simply not one the planner knows
   */
  record Help(String reason) implements Plan {
    @Override
    public String intent() {
      return "help";
    }
  }

  /**
   * Run these tool calls through the guarded pipeline, then plan again with their outcomes in
   * {@link PlanningRequest#steps()}. The orchestrator stops the turn after a configured number of
   * such rounds.
   *
   * @param calls the calls, run in order; at least one
   * @param usage what the model reply that asked for them cost; null when no model ran
   */
  record CallTools(List<PlannedCall> calls, ModelUsage usage) implements Plan {
    public CallTools {
      calls = List.copyOf(calls);
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("a tool-call plan needs at least one call");
      }
    }

    @Override
    public String intent() {
      return "tool_calls";
    }
  }

  /**
   * The final answer, written by the planner (a model) from the steps of the turn.
   *
   * @param text the answer as shown to the user
   * @param usage what the model reply cost; null when no model ran
   */
  record Answer(String text, ModelUsage usage) implements Plan {
    public Answer {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String intent() {
      return "answer";
    }
  }
}
