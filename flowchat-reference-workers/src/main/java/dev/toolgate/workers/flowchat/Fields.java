package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reading fields of a worker request while collecting discrepancies instead of failing on the
 * first one, so the caller sees every problem of a payload at once.
 */
final class Fields {
  private final JsonNode body;
  private final Discrepancies found;

  Fields(JsonNode body, Discrepancies found) {
    this.body = body;
    this.found = found;
  }

  boolean has(String name) {
    return body.has(name) && !body.get(name).isNull();
  }

  /** Text of {@code name}, {@code null} when absent; a non-string is a discrepancy. */
  String text(String name) {
    if (!has(name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isTextual()) {
      found.add(name, name + " must be a string, got " + v);
      return null;
    }
    return v.asText().strip();
  }

  String requiredText(String name) {
    String v = text(name);
    if (v == null && !has(name)) {
      found.add(name, name + " is required");
    } else if (v != null && v.isEmpty()) {
      found.add(name, name + " must not be blank");
      return null;
    }
    return v;
  }

  String oneOf(String name, Set<String> allowed) {
    String v = text(name);
    if (v != null && !allowed.contains(v)) {
      found.add(name, name + " must be one of " + new java.util.TreeSet<>(allowed) + ", got \"" + v + "\"");
      return null;
    }
    return v;
  }

  /** A decimal such as 1200 or 1200.50; strings like "1200.50" are accepted too. */
  BigDecimal decimal(String name) {
    if (!has(name)) {
      return null;
    }
    return decimal(name, body.get(name));
  }

  BigDecimal decimal(String label, JsonNode v) {
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      try {
        return new BigDecimal(v.asText().strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    found.add(label, label + " must be a number, got " + v);
    return null;
  }

  /** An amount in euros as cents; more than two decimals or a negative amount is a discrepancy. */
  Long amount(String name) {
    BigDecimal v = decimal(name);
    return v == null ? null : amount(name, v);
  }

  Long amount(String label, BigDecimal v) {
    Long cents = Money.cents(v);
    if (cents == null) {
      found.add(label, label + " must have at most 2 decimals, got " + v.toPlainString());
    } else if (cents < 0) {
      found.add(label, label + " must not be negative, got " + v.toPlainString());
      return null;
    }
    return cents;
  }

  LocalDate date(String name) {
    String v = text(name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      found.add(name, name + " must be a date YYYY-MM-DD, got \"" + v + "\"");
      return null;
    }
  }

  Integer integer(String name, int min, int max) {
    if (!has(name)) {
      return null;
    }
    JsonNode v = body.get(name);
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      found.add(name, name + " must be an integer from " + min + " to " + max + ", got " + v);
      return null;
    }
    return v.asInt();
  }

  /** Reports fields outside {@code known}: a typo must not be silently ignored on a write. */
  void rejectUnknown(Set<String> known) {
    body.fieldNames().forEachRemaining(f -> {
      if (!known.contains(f)) {
        found.add(f, "unknown field \"" + f + "\"; expected one of " + new java.util.TreeSet<>(known));
      }
    });
  }
}
