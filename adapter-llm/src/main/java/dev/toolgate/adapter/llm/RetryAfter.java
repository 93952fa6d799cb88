package dev.toolgate.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the wait a provider asks for after a 429 or 503, from wherever that provider puts it. */
final class RetryAfter {
  private static final Pattern GOOGLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

  private RetryAfter() {}

  /**
   * {@code retry-after-ms} (OpenAI SDKs), then {@code retry-after} (seconds or an HTTP date), then
   * Gemini's {@code google.rpc.RetryInfo.retryDelay} in the error body; null when none is readable.
   */
  static Duration of(HttpHeaders headers, String body) {
    String millis = headers.firstValue("retry-after-ms").orElse("").strip();
    if (!millis.isEmpty()) {
      try {
        double value = Double.parseDouble(millis);
        if (value >= 0) {
          return Duration.ofMillis((long) value);
        }
      } catch (NumberFormatException ignored) {
        // fall through to retry-after
      }
    }
    String header = headers.firstValue("retry-after").orElse("").strip();
    if (!header.isEmpty()) {
      try {
        double seconds = Double.parseDouble(header);
        if (seconds >= 0) {
          return Duration.ofMillis((long) (seconds * 1000));
        }
      } catch (NumberFormatException notSeconds) {
        try {
          ZonedDateTime at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME);
          Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
          return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException ignored) {
          // unreadable: fall through to the body
        }
      }
    }
    return fromGoogleBody(body);
  }

  private static Duration fromGoogleBody(String body) {
    if (body == null || !body.contains("RetryInfo")) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IllegalArgumentException notJson) {
      return null;
    }
    for (JsonNode detail : root.path("error").path("details")) {
      if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
        Matcher m = GOOGLE_DURATION.matcher(detail.path("retryDelay").asText());
        if (m.matches()) {
          return Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000));
        }
      }
    }
    return null;
  }
}
