package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.marketing.PerformanceStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Reads the {@code statistics} object of a values-report row. Klaviyo returns counts as floats
 * ({@code 1828.0}) and leaves out or nulls statistics it has no value for; both are tolerated.
 */
final class Statistics {
  /** What this adapter asks for; rates are fractions, revenue is {@code conversion_value}. */
  static final List<String> WITH_CONVERSIONS =
      List.of("recipients", "delivered", "opens", "open_rate", "clicks", "click_rate", "conversions", "conversion_value");

  /** For accounts without a usable conversion metric. */
  static final List<String> WITHOUT_CONVERSIONS = WITH_CONVERSIONS.subList(0, 6);

  private Statistics() {}

  /** The figures of one row; {@code what} names the row in error messages. */
  static PerformanceStats read(JsonNode statistics, String what) {
    if (!statistics.isObject()) {
      throw new PortException("Klaviyo's values report has no statistics object for " + what);
    }
    return new PerformanceStats(
        count(statistics, "recipients", what),
        count(statistics, "delivered", what),
        count(statistics, "opens", what),
        rate(statistics, "open_rate", what),
        count(statistics, "clicks", what),
        rate(statistics, "click_rate", what),
        count(statistics, "conversions", what),
        decimal(statistics, "conversion_value", what));
  }

  private static long count(JsonNode statistics, String name, String what) {
    BigDecimal value = decimal(statistics, name, what).setScale(0, RoundingMode.HALF_UP);
    if (value.signum() < 0) {
      throw new PortException("Klaviyo reported a negative " + name + " (" + value + ") for " + what);
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new PortException("Klaviyo reported an impossible " + name + " (" + value + ") for " + what);
    }
  }

  private static double rate(JsonNode statistics, String name, String what) {
    double value = decimal(statistics, name, what).doubleValue();
    // Fractions by Klaviyo's definition; a rounding artefact past the bounds is not worth failing for.
    return Math.max(0, Math.min(1, value));
  }

  private static BigDecimal decimal(JsonNode statistics, String name, String what) {
    JsonNode node = statistics.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return BigDecimal.ZERO;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.asText().strip());
      } catch (NumberFormatException e) {
        throw notANumber(node, name, what);
      }
    }
    throw notANumber(node, name, what);
  }

  private static PortException notANumber(JsonNode node, String name, String what) {
    return new PortException(
        "Klaviyo reported " + name + " = " + ErrorBody.snippet(node.toString()) + " for " + what + ", not a number");
  }
}
