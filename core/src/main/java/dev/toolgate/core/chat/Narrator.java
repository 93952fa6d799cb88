package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.PerformanceStats;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Writes the answer: a few sentences with the figures formatted for people, and beside them the
 * exact statistics used (for the evidence block), so every number in the text can be traced.
 */
final class Narrator {
  static final String SAMPLE_NOTE = "These figures are the built-in sample data set, not a real account.";

  /** The text and the statistics behind it. */
  record Told(String text, ObjectNode statistics) {}

  private Narrator() {}

  static String help(String reason) {
    String intro = reason == null ? "" : capitalize(reason) + ". ";
    return intro
        + "I can answer questions about campaign and flow performance, for example: “summarize last week's"
        + " campaign performance”, “top 5 campaigns by revenue last month”, “how did our flows do in the"
        + " last 30 days?” or “compare this month with last month”. I can rank by revenue, open rate, click"
        + " rate or conversions. Periods I understand: today, yesterday, this week, last week, the last"
        + " 7/30/90 days, this month, last month, a month such as March 2026, a date such as 2026-03-05, and"
        + " ranges such as 2026-03-01 to 2026-03-07 (weeks start on Monday).";
  }

  /** The turn was stopped because the planner kept asking for tools. */
  static String stopped(int maxToolHops) {
    return "I stopped before finishing: answering this took more than " + maxToolHops + " "
        + Formats.plural(maxToolHops, "round") + " of tool calls, the most one question may use. The calls made"
        + " so far are listed in the evidence; please ask a narrower question.";
  }

  /** The answer so far of a turn that waits for an approver. */
  static String paused(String tool, String approvalId) {
    return "The call to " + tool + " needs an approver's decision (approval " + approvalId + "). I will finish"
        + " this answer once it is approved or rejected; it will be added to this session.";
  }

  /** The note appended to a model's answer whose figures were not all found in the turn's tool results. */
  static String ungrounded(List<String> figures) {
    return "\n\n(Check before relying on it: " + (figures.size() == 1 ? "this figure is" : "these figures are")
        + " not in the data the tools returned for this question: " + String.join(", ", figures) + ".)";
  }

  static Told summary(Plan.Query plan, Figures f, ZoneId clientZone) {
    StringBuilder text = new StringBuilder(period(plan)).append(": ");
    ObjectNode stats = Json.object();
    stats.put("count", f.rows().size());
    stats.set("totals", Evidence.stats(f.totals()));
    if (f.rows().isEmpty()) {
      text.append(f.subject() == Plan.Subject.CAMPAIGNS ? "no campaigns were sent." : "no flow sent any message.");
    } else {
      PerformanceStats t = f.totals();
      int n = f.rows().size();
      if (f.subject() == Plan.Subject.CAMPAIGNS) {
        text.append(n).append(' ').append(Formats.plural(n, "campaign")).append(" went to ")
            .append(Formats.count(t.recipients())).append(" recipients (")
            .append(Formats.count(t.delivered())).append(" delivered)");
      } else {
        text.append(n).append(' ').append(Formats.plural(n, "flow")).append(" delivered ")
            .append(Formats.count(t.delivered())).append(" of ").append(Formats.count(t.recipients()))
            .append(" messages");
      }
      text.append(", with a ").append(Formats.percent(t.openRate())).append(" open rate and a ")
          .append(Formats.percent(t.clickRate())).append(" click rate, bringing ")
          .append(Formats.count(t.conversions())).append(' ').append(Formats.plural(t.conversions(), "conversion"))
          .append(" and ").append(Formats.money(t.revenue(), f.currency())).append(" in revenue.");
      Figures.Row best = f.ranked(Plan.Metric.REVENUE).get(0);
      text.append(" The top ").append(f.noun()).append(" by revenue was “").append(best.name()).append("” with ")
          .append(Formats.money(best.stats().revenue(), f.currency())).append('.');
      ObjectNode top = stats.putObject("top_by_revenue");
      top.put("id", best.id());
      top.put("name", best.name());
      top.put("revenue", best.stats().revenue());
    }
    return new Told(text + notes(plan, List.of(f), clientZone), stats);
  }

  static Told top(Plan.Query plan, Figures f, ZoneId clientZone) {
    StringBuilder text = new StringBuilder(period(plan));
    ObjectNode stats = Json.object();
    stats.put("metric", plan.metric().wireName());
    stats.put("limit", plan.limit());
    stats.put("count", f.rows().size());
    stats.set("totals", Evidence.stats(f.totals()));
    ArrayNode ranked = stats.putArray("ranked");
    if (f.rows().isEmpty()) {
      text.append(": no ").append(f.noun()).append(f.subject() == Plan.Subject.CAMPAIGNS ? "s were sent." : " sent any message.");
      return new Told(text + notes(plan, List.of(f), clientZone), stats);
    }
    List<Figures.Row> rows = f.ranked(plan.metric());
    List<Figures.Row> shown = rows.subList(0, Math.min(plan.limit(), rows.size()));
    text.append(", the ")
        .append(shown.size() == 1 ? "top " + f.noun() : "top " + shown.size() + " " + f.noun() + "s")
        .append(" by ").append(metricWords(plan.metric())).append(shown.size() == 1 ? " was " : ": ");
    for (int i = 0; i < shown.size(); i++) {
      Figures.Row row = shown.get(i);
      if (shown.size() > 1) {
        text.append(i + 1).append(". ");
      }
      text.append('“').append(row.name()).append("” — ").append(value(plan.metric(), row.stats(), f));
      text.append(i == shown.size() - 1 ? "." : "; ");
      ObjectNode entry = ranked.addObject();
      entry.put("rank", i + 1);
      entry.put("id", row.id());
      entry.put("name", row.name());
      rawValue(entry, plan.metric(), row.stats());
    }
    int n = f.rows().size();
    text.append(' ')
        .append(shown.size() < plan.limit() ? "Only " : "")
        .append(n).append(' ').append(Formats.plural(n, f.noun())).append(n == 1 ? " was" : " were")
        .append(f.subject() == Plan.Subject.CAMPAIGNS ? " sent" : " active")
        .append(" in all, with ").append(Formats.money(f.totals().revenue(), f.currency())).append(" in revenue.");
    return new Told(text + notes(plan, List.of(f), clientZone), stats);
  }

  static Told comparison(Plan.Query plan, Figures now, Figures before, ZoneId clientZone) {
    PerformanceStats a = now.totals();
    PerformanceStats b = before.totals();
    StringBuilder text =
        new StringBuilder(period(plan)).append(" compared with ").append(comparedWith(plan)).append(": ");
    text.append("revenue ").append(Formats.money(a.revenue(), now.currency())).append(" vs ")
        .append(Formats.money(b.revenue(), before.currency())).append(" (").append(Formats.change(a.revenue(), b.revenue()))
        .append("), conversions ").append(Formats.count(a.conversions())).append(" vs ")
        .append(Formats.count(b.conversions())).append(" (")
        .append(Formats.change(BigDecimal.valueOf(a.conversions()), BigDecimal.valueOf(b.conversions())))
        .append("), open rate ").append(Formats.percent(a.openRate())).append(" vs ").append(Formats.percent(b.openRate()))
        .append(" (").append(Formats.points(a.openRate(), b.openRate()))
        .append("), click rate ").append(Formats.percent(a.clickRate())).append(" vs ").append(Formats.percent(b.clickRate()))
        .append(" (").append(Formats.points(a.clickRate(), b.clickRate())).append("), from ")
        .append(now.rows().size()).append(" vs ").append(before.rows().size()).append(' ')
        .append(now.subject() == Plan.Subject.CAMPAIGNS ? "campaigns sent" : "active flows").append('.');
    if (!now.currency().equals(before.currency())) {
      text.append(" The two periods are in different currencies, so revenue changes are not comparable.");
    }
    if (plan.range().days() != plan.comparison().days()) {
      text.append(" The periods differ in length (").append(dayCount(plan.range().days())).append(" vs ")
          .append(dayCount(plan.comparison().days())).append("), so totals are not like for like.");
    }
    ObjectNode stats = Json.object();
    ObjectNode current = stats.putObject("current");
    current.put("count", now.rows().size());
    current.set("totals", Evidence.stats(a));
    ObjectNode previous = stats.putObject("previous");
    previous.put("count", before.rows().size());
    previous.set("totals", Evidence.stats(b));
    ObjectNode change = stats.putObject("change");
    change.put("revenue", Formats.change(a.revenue(), b.revenue()));
    change.put("conversions",
        Formats.change(BigDecimal.valueOf(a.conversions()), BigDecimal.valueOf(b.conversions())));
    change.put("open_rate", Formats.points(a.openRate(), b.openRate()));
    change.put("click_rate", Formats.points(a.clickRate(), b.clickRate()));
    return new Told(text + notes(plan, List.of(now, before), clientZone), stats);
  }

  static String failure(Plan.Query plan, ToolOutcome outcome) {
    String noun = plan.subject() == Plan.Subject.CAMPAIGNS ? "campaign" : "flow";
    String retry = outcome.retryable() ? " Please try again shortly." : "";
    return "I could not get the " + noun + " figures for " + inSentence(plan) + ": " + outcome.message()
        + " (" + outcome.code() + ")." + retry;
  }

  /** {@code Last week (Mon 26 Oct – Sun 1 Nov 2026)}, or just the days when the user named them. */
  static String period(Plan.Query plan) {
    return capitalize(inSentence(plan));
  }

  /**
   * {@code last week (Mon 26 Oct – Sun 1 Nov 2026)}, {@code this week so far (1 day, Mon 7 Dec 2026)},
   * or just the days when the user named them.
   */
  private static String inSentence(Plan.Query plan) {
    return labelled(plan.rangeLabel(), plan.range());
  }

  /** {@code the same days of last week (Mon 30 Nov 2026)}, or just the days when they have no name. */
  private static String comparedWith(Plan.Query plan) {
    return plan.comparisonLabel() == null
        ? Formats.days(plan.comparison())
        : labelled(plan.comparisonLabel(), plan.comparison());
  }

  private static String labelled(String label, DateRange range) {
    if (explicit(label)) {
      return Formats.days(range);
    }
    // A period still under way says how many days it has so far, so a short one is not mistaken for a whole week.
    String count = label.endsWith(TimePhrases.SO_FAR) ? dayCount(range.days()) + ", " : "";
    return label + " (" + count + Formats.days(range) + ")";
  }

  private static String dayCount(long days) {
    return days + " " + Formats.plural(days, "day");
  }

  /** Explicit periods are labelled with their ISO dates, which start with a digit. */
  private static boolean explicit(String label) {
    return !label.isEmpty() && Character.isDigit(label.charAt(0));
  }

  private static String notes(Plan.Query plan, List<Figures> all, ZoneId clientZone) {
    StringBuilder notes = new StringBuilder();
    Figures first = all.get(0);
    if (plan.rangeDefaulted()) {
      notes.append(" No period was named, so I used the ").append(plan.rangeLabel()).append('.');
    }
    ZoneId reported = first.provenance().reportTimeZone();
    if (reported != null && !reported.getRules().equals(clientZone.getRules())) {
      notes.append(" The account counts days in its own time zone, ").append(reported.getId()).append('.');
    }
    if (all.stream().anyMatch(f -> f.conversionMetric() == null)) {
      notes.append(" Conversions and revenue were not measured: the account has no conversion metric.");
    }
    if (all.stream().anyMatch(f -> f.provenance().sampleData())) {
      notes.append(' ').append(SAMPLE_NOTE);
    }
    return notes.toString();
  }

  private static String metricWords(Plan.Metric metric) {
    return metric.wireName().replace('_', ' ');
  }

  private static String value(Plan.Metric metric, PerformanceStats s, Figures f) {
    return switch (metric) {
      case REVENUE -> Formats.money(s.revenue(), f.currency());
      case OPEN_RATE -> Formats.percent(s.openRate()) + " open rate";
      case CLICK_RATE -> Formats.percent(s.clickRate()) + " click rate";
      case CONVERSIONS -> Formats.count(s.conversions()) + " " + Formats.plural(s.conversions(), "conversion");
    };
  }

  private static void rawValue(ObjectNode entry, Plan.Metric metric, PerformanceStats s) {
    switch (metric) {
      case REVENUE -> entry.put("value", s.revenue());
      case OPEN_RATE -> entry.put("value", s.openRate());
      case CLICK_RATE -> entry.put("value", s.clickRate());
      case CONVERSIONS -> entry.put("value", s.conversions());
    }
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
