package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every number in a model's answer comes from somewhere: the tool calls of the turn
 * (their results and arguments), the question, or today's date. A model that writes a figure found
 * in none of them made it up, or worked it out; either way the user is told and the evidence lists it.
 *
 * <p>A figure matches a source when they agree to the figure's own precision: {@code 1,234.5} matches
 * 1234.47, {@code 12%} matches 12 and the rate 0.1234, {@code 1.2k} matches 1180 to 1250, {@code $1,234}
 * and {@code €1.234,50} read as 1234 and 1234.50. The sign is ignored ("down 5%" for -0.05).
 */
final class GroundedFigures {
  /** An ISO date, taken whole: its parts are not figures of their own. */
  private static final Pattern DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
  /**
   * A figure: an optional currency sign, digits with optional thousands groups (1,234 or 1.234 with a
   * decimal comma) and decimals, then an optional scale or percent. Not part of a word or a name such as
   * {@code gpt-6} or {@code Q3}.
   */
  private static final Pattern FIGURE = Pattern.compile(
      "(?<![\\w.,:/-])[$€£¥]?\\s?"
          + "(?<number>\\d{1,3}(?:\\.\\d{3})+,\\d+|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
          + "(?:\\s?(?<scale>%|percent\\b|k\\b|K\\b|M\\b|million\\b|bn\\b|billion\\b))?"
          + "(?![\\w])");
  /** A list marker at a line's start, "1." or "2)", is numbering, not a figure. */
  private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");
  private static final Map<String, BigDecimal> SCALES = Map.of(
      "k", BigDecimal.valueOf(1_000), "K", BigDecimal.valueOf(1_000), "M", BigDecimal.valueOf(1_000_000),
      "million", BigDecimal.valueOf(1_000_000), "bn", BigDecimal.valueOf(1_000_000_000),
      "billion", BigDecimal.valueOf(1_000_000_000));

  private GroundedFigures() {}

  /**
   * The check's outcome.
   *
   * @param checked how many figures the answer holds
   * @param ungrounded the figures found in no source, as written in the answer, in order, each once
   */
  record Check(int checked, List<String> ungrounded) {}

  /** A value a figure may stand for, give or take {@code tolerance}. */
  private record Reading(BigDecimal value, BigDecimal tolerance) {}

  /** One number as written, with the values it may stand for. */
  private record Figure(String written, List<Reading> readings) {}

  /**
   * @param sources the turn's tool arguments and results
   * @param texts the question, and today's date
   */
  static Check check(String answer, List<JsonNode> sources, List<String> texts) {
    List<BigDecimal> known = new ArrayList<>();
    List<String> knownDates = new ArrayList<>();
    for (JsonNode source : sources) {
      collect(source, known, knownDates);
    }
    for (String text : texts) {
      collect(text, known, knownDates);
    }
    String rest = LIST_MARKER.matcher(answer).replaceAll(" ");
    int checked = 0;
    List<String> ungrounded = new ArrayList<>();
    Matcher dates = DATE.matcher(rest);
    while (dates.find()) {
      checked++;
      if (!knownDates.contains(dates.group()) && !ungrounded.contains(dates.group())) {
        ungrounded.add(dates.group());
      }
    }
    for (Figure figure : figures(DATE.matcher(rest).replaceAll(" "))) {
      checked++;
      if (!grounded(figure, known) && !ungrounded.contains(figure.written())) {
        ungrounded.add(figure.written());
      }
    }
    return new Check(checked, List.copyOf(ungrounded));
  }

  private static boolean grounded(Figure figure, List<BigDecimal> known) {
    for (Reading reading : figure.readings()) {
      for (BigDecimal source : known) {
        if (source.subtract(reading.value()).abs().compareTo(reading.tolerance()) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Figure> figures(String text) {
    List<Figure> figures = new ArrayList<>();
    Matcher m = FIGURE.matcher(text);
    while (m.find()) {
      String number = m.group("number");
      String scale = m.group("scale");
      boolean decimalComma = number.matches("\\d{1,3}(?:\\.\\d{3})+,\\d+");
      String plain = decimalComma ? number.replace(".", "").replace(',', '.') : number.replace(",", "");
      BigDecimal value = new BigDecimal(plain);
      // Half a unit of the last digit written: "1,234.5" stands for 1234.45 to 1234.55.
      BigDecimal tolerance = BigDecimal.ONE.movePointLeft(Math.max(0, value.scale())).divide(BigDecimal.valueOf(2));
      List<Reading> readings = new ArrayList<>();
      if (scale != null && SCALES.containsKey(scale)) {
        value = value.multiply(SCALES.get(scale));
        tolerance = tolerance.multiply(SCALES.get(scale));
      }
      readings.add(new Reading(value, tolerance));
      if (scale != null && (scale.equals("%") || scale.equals("percent"))) {
        // 12.3% may be kept as the rate 0.123.
        readings.add(new Reading(value.movePointLeft(2), tolerance.movePointLeft(2)));
      }
      figures.add(new Figure(m.group().strip(), readings));
    }
    return figures;
  }

  private static void collect(JsonNode node, List<BigDecimal> known, List<String> dates) {
    if (node == null) {
      return;
    }
    if (node.isNumber()) {
      known.add(node.decimalValue().abs());
    } else if (node.isTextual()) {
      collect(node.asText(), known, dates);
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, known, dates));
    }
  }

  private static void collect(String text, List<BigDecimal> known, List<String> dates) {
    Matcher d = DATE.matcher(text);
    while (d.find()) {
      dates.add(d.group());
      // A date's parts may be written on their own: "26 October 2026".
      for (String part : d.group().split("-")) {
        known.add(new BigDecimal(part));
      }
    }
    for (Figure figure : figures(DATE.matcher(text).replaceAll(" "))) {
      figure.readings().forEach(reading -> known.add(reading.value()));
    }
  }
}
