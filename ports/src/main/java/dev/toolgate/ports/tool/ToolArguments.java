package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.InvalidRequestException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Reads a tool's arguments object. The pipeline has already validated it against the input schema,
 * so this only applies defaults for absent optional fields; a value of the wrong shape (an executor
 * called outside the pipeline) fails with {@link InvalidRequestException} naming the argument
 * rather than being silently read as empty.
 */
public final class ToolArguments {
  private final JsonNode node;

  public ToolArguments(JsonNode node) {
    this.node = node;
  }

  public String text(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException("argument '" + name + "' is required");
    }
    return textual(name, value);
  }

  public String text(String name, String fallback) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? fallback : textual(name, value);
  }

  /** The string argument, or null when it is absent. */
  public String optionalText(String name) {
    return text(name, null);
  }

  public boolean bool(String name, boolean fallback) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException("argument '" + name + "' must be true or false, got " + value);
    }
    return value.booleanValue();
  }

  /** A number argument as an exact decimal (money, rates), or {@code fallback} when absent. */
  public BigDecimal decimal(String name, BigDecimal fallback) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new InvalidRequestException("argument '" + name + "' must be a number, got " + value);
    }
    return value.decimalValue();
  }

  /** The argument's JSON as given, or null when absent. */
  public JsonNode json(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  public int integer(String name, int fallback) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    // Draft 2020-12 counts 10.0 as an integer, so accept any exactly integral number.
    if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
      throw new InvalidRequestException("argument '" + name + "' must be an integer, got " + value);
    }
    return value.asInt();
  }

  public <E> E choice(String name, Function<String, E> parse) {
    return parse(name, text(name), parse);
  }

  public <E> E choice(String name, E fallback, Function<String, E> parse) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? fallback : parse(name, textual(name, value), parse);
  }

  private static <E> E parse(String name, String text, Function<String, E> parse) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("argument '" + name + "': " + e.getMessage());
    }
  }

  private static String textual(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new InvalidRequestException("argument '" + name + "' must be a string, got " + value);
    }
    return value.textValue();
  }
}
