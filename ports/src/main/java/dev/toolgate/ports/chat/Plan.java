package dev.toolgate.ports.chat;

import dev.toolgate.ports.marketing.DateRange;
import java.util.Locale;
import java.util.Objects;

/** What a {@link Planner} decided: look something up ({@link Query}), or explain what can be asked ({@link Help}). */
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
   * @param range the days asked about, in the client's time zone
   * @param comparison for {@link Kind#COMPARISON}: the period compared against (usually
   *     {@code range.previous()}); null otherwise
   * @param metric for {@link Kind#TOP}: what to rank by; null otherwise
   * @param limit for {@link Kind#TOP}: how many to show (1–50); 0 otherwise
   * @param rangeLabel how the range was asked for, e.g. {@code last week} or {@code 2026-03-01 to 2026-03-07}
   * @param rangeDefaulted true when the question named no period and a default was used
   */
  record Query(
      Kind kind,
      Subject subject,
      DateRange range,
      DateRange comparison,
      Metric metric,
      int limit,
      String rangeLabel,
      boolean rangeDefaulted)
      implements Plan {

    public static final int MAX_LIMIT = 50;

    public Query {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(rangeLabel, "rangeLabel");
      if ((kind == Kind.COMPARISON) != (comparison != null)) {
        throw new IllegalArgumentException(
            "a comparison range is required for, and only for, a comparison; got kind " + kind + " and " + comparison);
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
}
