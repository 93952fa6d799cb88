package dev.toolgate.adapter.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An error answer, read leniently: Klaviyo's JSON:API {@code errors[]} envelope when there is one,
 * otherwise whatever the CDN in front of it sent (HTML challenge pages, plain text).
 *
 * @param items the errors of the envelope; empty when the body was not one
 * @param rawSummary a short, printable description of a body that was not an envelope, or null
 */
record ErrorBody(List<Item> items, String rawSummary) {
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern AVAILABLE_IN =
      Pattern.compile("available in (\\d+(?:\\.\\d+)?) second", Pattern.CASE_INSENSITIVE);
  private static final int MAX_SNIPPET = 160;

  /**
   * One entry of {@code errors[]}.
   *
   * @param code e.g. {@code invalid}, {@code not_authenticated}, {@code throttled}; may be null
   * @param detail the human explanation (falls back to the title); may be null
   * @param pointer {@code source.pointer} or {@code source.parameter}; may be null
   */
  record Item(String code, String detail, String pointer) {}

  static ErrorBody parse(String body) {
    if (body == null || body.isBlank()) {
      return new ErrorBody(List.of(), "an empty body");
    }
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IllegalArgumentException e) {
      return new ErrorBody(List.of(), describeNonJson(body));
    }
    JsonNode errors = root.path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      return new ErrorBody(List.of(), "a JSON body without errors[]: " + snippet(Json.write(root)));
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode error : errors) {
      String detail = text(error.path("detail"));
      if (detail == null) {
        detail = text(error.path("title"));
      }
      String pointer = text(error.path("source").path("pointer"));
      if (pointer == null) {
        pointer = text(error.path("source").path("parameter"));
      }
      items.add(new Item(text(error.path("code")), detail == null ? null : snippet(detail), pointer));
    }
    return new ErrorBody(List.copyOf(items), null);
  }

  /** Whether any error points at this JSON pointer or parameter. */
  boolean pointsAt(String pointer) {
    return items.stream().anyMatch(i -> pointer.equals(i.pointer()));
  }

  /** "Expected available in N second(s)" of a 429's detail, or null. */
  Duration availableIn() {
    for (Item item : items) {
      if (item.detail() != null) {
        Matcher m = AVAILABLE_IN.matcher(item.detail());
        if (m.find()) {
          double seconds = Double.parseDouble(m.group(1));
          return Duration.ofMillis(Math.round(seconds * 1000));
        }
      }
    }
    return null;
  }

  /** One line for an exception message, e.g. {@code invalid: 'revenue' is not … (at /data/…)}. */
  String summary() {
    if (items.isEmpty()) {
      return rawSummary;
    }
    return items.stream()
        .map(i -> (i.code() == null ? "" : i.code() + ": ")
            + (i.detail() == null ? "(no detail)" : i.detail())
            + (i.pointer() == null ? "" : " (at " + i.pointer() + ")"))
        .distinct()
        .collect(Collectors.joining("; "));
  }

  private static String describeNonJson(String body) {
    Matcher title = TITLE.matcher(body);
    if (title.find()) {
      return "a non-JSON (HTML) body titled \"" + snippet(title.group(1)) + "\"";
    }
    String lower = body.stripLeading().toLowerCase(Locale.ROOT);
    if (lower.startsWith("<")) {
      return "a non-JSON (HTML) body";
    }
    return "a non-JSON body: " + snippet(body);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** Printable, single-line and short: upstream text ends up in logs and answers. */
  static String snippet(String text) {
    String clean = text.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").strip();
    return clean.length() <= MAX_SNIPPET ? clean : clean.substring(0, MAX_SNIPPET) + "…";
  }
}
