package dev.toolgate.core.chat;

import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import dev.toolgate.ports.marketing.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline planner: keyword rules for the intent and {@link TimePhrases} for the period.
 *
 * <ul>
 *   <li>Flows are meant when the question mentions flows or automations; campaigns otherwise.
 *   <li>A comparison when it names two periods or says compare, vs, versus, against, than, change,
 *       or "over the previous/last…"; the first period named is compared with the second, or with the
 *       one before it (see {@link TimePhrases#comparison} for a second period written relative to
 *       the first, and for a first period still under way).
 *   <li>A top-N ranking when it says top, best, highest, most, leading, biggest or "which
 *       campaign/flow"; ranked by revenue unless it mentions open rate, click rate or conversions
 *       (the earliest mentioned wins); N from "top 5" (1–50), else 1 for a singular ("best
 *       campaign"), else 3.
 *   <li>Otherwise a summary — if the question is about marketing at all (campaigns, flows, e-mails,
 *       revenue, performance, results…); anything else gets help.
 *   <li>Without a period: the last 7 days, and the plan says it was a default.
 *   <li>Campaigns are looked up with {@value #CAMPAIGN_TOOL}, flows with {@value #FLOW_TOOL}; when
 *       that tool is not among the request's tools (the principal may not call it), the plan is help
 *       saying so.
 * </ul>
 */
public final class RuleBasedPlanner implements Planner {
  /** Reports campaign performance for a client and a period. */
  public static final String CAMPAIGN_TOOL = "campaign_performance";
  /** Reports flow performance for a client and a period. */
  public static final String FLOW_TOOL = "flow_performance";

  static final int DEFAULT_LIMIT = 3;
  static final int DEFAULT_DAYS = 7;

  private static final Pattern MARKETING =
      Pattern.compile(
          "\\b(campaigns?|flows?|automations?|e-?mails?|newsletters?|sms|revenue|sales|earn(?:ed|ings)?|opens?|"
              + "open rates?|clicks?|click rates?|ctr|conversions?|orders?|performance|perform(?:ed|ing)?|results?|"
              + "reports?|summary|summar(?:ize|ise)|recap|overview|stats|statistics|metrics|numbers|klaviyo|"
              + "marketing|how did|how are|how were|how was|top|best|compare)\\b");
  private static final Pattern FLOWS =
      Pattern.compile("\\b(flows?|automations?|automated|welcome series|abandoned cart|win-?back)\\b");
  private static final Pattern COMPARE =
      Pattern.compile(
          "\\b(compare[ds]?|comparing|comparison|versus|vs\\.?|against|than|change[ds]?|difference|"
              + "(?:week|month|year) over (?:week|month|year)|over the (?:previous|prior|last))\\b");
  private static final Pattern TOP =
      Pattern.compile(
          "\\b(?:top|best|highest|most|leading|biggest|strongest|rank(?:ed|ing)?)\\b|\\bwhich (?:campaign|flow)");
  private static final Pattern TOP_COUNT =
      Pattern.compile("\\b(?:top|best|first|highest|leading)\\s+(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\\b");
  private static final Pattern SINGULAR =
      Pattern.compile("\\b(?:top|best|highest|leading|biggest|strongest|which)\\s+(?:\\w+\\s+)?(?:campaign|flow)\\b");
  private static final Map<Plan.Metric, Pattern> METRICS =
      Map.of(
          Plan.Metric.REVENUE, Pattern.compile("\\b(revenue|sales|money|earn\\w*|income|\\$)"),
          Plan.Metric.OPEN_RATE, Pattern.compile("\\b(open rates?|opens|opened|open)\\b"),
          Plan.Metric.CLICK_RATE, Pattern.compile("\\b(click rates?|click-through|click through|clicks?|clicked|ctr)\\b"),
          Plan.Metric.CONVERSIONS, Pattern.compile("\\b(conversions?|converted|converting|orders|purchases)\\b"));
  private static final Map<String, Integer> WORDS =
      Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);

  @Override
  public Plan plan(PlanningRequest request) {
    String text = request.text().toLowerCase(Locale.ROOT).replace('’', '\'');
    LocalDate today = LocalDate.ofInstant(request.now(), request.timeZone());
    TimePhrases.Result periods = TimePhrases.find(text, today, request.timeZone());
    if (!MARKETING.matcher(text).find()) {
      return new Plan.Help(null);
    }
    if (periods instanceof TimePhrases.Result.Unreadable unreadable) {
      return new Plan.Help(unreadable.reason());
    }
    List<TimePhrases.Found> found = ((TimePhrases.Result.Periods) periods).found();
    Plan.Subject subject = FLOWS.matcher(text).find() ? Plan.Subject.FLOWS : Plan.Subject.CAMPAIGNS;
    String tool = subject == Plan.Subject.CAMPAIGNS ? CAMPAIGN_TOOL : FLOW_TOOL;
    if (request.tool(tool).isEmpty()) {
      return new Plan.Help(
          "you may not use the " + tool + " tool for this client, which answers questions about "
              + subject.wireName());
    }

    boolean defaulted = found.isEmpty();
    List<TimePhrases.Found> named =
        defaulted ? List.of(TimePhrases.lastDays(today, request.timeZone(), DEFAULT_DAYS)) : found;
    DateRange range = named.get(0).range();
    String label = named.get(0).label();

    if (found.size() > 1 || COMPARE.matcher(text).find()) {
      TimePhrases.Comparison previous = TimePhrases.comparison(named, request.timeZone());
      return new Plan.Query(
          Plan.Kind.COMPARISON, subject, tool, range, previous.range(), previous.label(), null, 0, label, defaulted);
    }
    if (TOP.matcher(text).find()) {
      return new Plan.Query(Plan.Kind.TOP, subject, tool, range, null, null, metric(text), limit(text), label, defaulted);
    }
    return new Plan.Query(Plan.Kind.SUMMARY, subject, tool, range, null, null, null, 0, label, defaulted);
  }

  private static Plan.Metric metric(String text) {
    Plan.Metric best = Plan.Metric.REVENUE;
    int bestAt = Integer.MAX_VALUE;
    for (Map.Entry<Plan.Metric, Pattern> entry : METRICS.entrySet()) {
      Matcher m = entry.getValue().matcher(text);
      if (m.find() && m.start() < bestAt) {
        best = entry.getKey();
        bestAt = m.start();
      }
    }
    return best;
  }

  private static int limit(String text) {
    Matcher count = TOP_COUNT.matcher(text);
    if (count.find()) {
      String n = count.group(1);
      int value = WORDS.containsKey(n) ? WORDS.get(n) : Integer.parseInt(n);
      return Math.max(1, Math.min(Plan.Query.MAX_LIMIT, value));
    }
    return SINGULAR.matcher(text).find() ? 1 : DEFAULT_LIMIT;
  }
}
