package dev.toolgate.app.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads request bodies and query parameters, turning every bad input into a specific 4xx error. */
final class Requests {
  private static final ObjectReader STRICT =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final long maxBodyBytes;

  Requests(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** 413 {@code payload_too_large}, in the common shape. */
  ApiException tooLarge() {
    return new ApiException(
        413,
        "payload_too_large",
        "the request body is larger than the limit of " + maxBodyBytes + " bytes",
        Json.object().put("max_bytes", maxBodyBytes),
        Map.of());
  }

  /** The body parsed as JSON, or null when it is empty. */
  JsonNode json(Context ctx) {
    if (ctx.contentLength() > maxBodyBytes) {
      throw tooLarge();
    }
    String body = ctx.body();
    if (body.isBlank()) {
      return null;
    }
    try {
      return STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      ObjectNode details = Json.object();
      if (at != null) {
        details.put("line", at.getLineNr()).put("column", at.getColumnNr());
      }
      throw new ApiException(
          400, "malformed_json", MalformedJson.message("the request body", e), details, Map.of());
    }
  }

  /**
   * The body as a JSON object; an empty body is {@code {}} when {@code emptyAllowed}. Anything else
   * than an object is a 400 with {@code code} at field {@code ""}.
   */
  ObjectNode object(Context ctx, String code, boolean emptyAllowed) {
    JsonNode node = json(ctx);
    if (node == null && emptyAllowed) {
      return Json.object();
    }
    if (node == null || !node.isObject()) {
      String got = node == null ? "an empty body" : "a JSON " + typeName(node);
      String message = "the request body must be a JSON object, got " + got;
      throw ApiException.invalid(code, message, List.of(new FieldError("", message)));
    }
    return (ObjectNode) node;
  }

  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = param(ctx, name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalidRequest(
        name,
        "query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", got '" + text + "'");
  }

  static Long longParam(Context ctx, String name) {
    String text = param(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalidRequest(
        name, "query parameter '" + name + "' must be a whole number of at least 0, got '" + text + "'");
  }

  static Instant instantParam(Context ctx, String name) {
    String text = param(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw ApiException.invalidRequest(
            name,
            "query parameter '" + name + "' must be an instant like 2026-01-31T12:00:00Z"
                + " or a date like 2026-01-31, got '" + text + "'");
      }
    }
  }

  static LocalDate dateParam(Context ctx, String name, LocalDate fallback) {
    String text = param(ctx, name);
    if (text == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidRequest(
          name, "query parameter '" + name + "' must be a date like 2026-01-31, got '" + text + "'");
    }
  }

  /** The parameter's value, or null when absent or blank. */
  static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** An optional string member of a body; a present non-string is a 400 at {@code /name}. */
  static String optionalText(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.invalidRequest("/" + name, "'" + name + "' must be a string, got " + typeName(value));
    }
    return value.asText();
  }

  /** The JSON type of a value as error messages name it: {@code object}, {@code array}, {@code string}… */
  static String typeName(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** A string field, or null if absent; a non-string is reported in {@code errors}. */
  static String text(ObjectNode body, String field, List<FieldError> errors) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError("/" + field, "'" + field + "' must be a string, got " + Requests.typeName(value)));
      return null;
    }
    return value.asText();
  }

  /** The list's strings; a non-string element is reported and kept as null so that indexes stay right. */
  static List<String> strings(ObjectNode body, String field, List<FieldError> errors) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      errors.add(
          new FieldError("/" + field, "'" + field + "' must be a list of strings, got " + Requests.typeName(value)));
      return null;
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        errors.add(new FieldError("/" + field + "/" + i, "must be a string, got " + Requests.typeName(value.get(i))));
        result.add(null);
      } else {
        result.add(value.get(i).asText());
      }
    }
    return result;
  }
}
