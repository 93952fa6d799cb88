package dev.toolgate.app.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.ports.Json;
import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads request bodies and query parameters, turning every bad input into a specific 4xx error. */
final class Requests {
  /**
   * How deep a request body may nest. Jackson alone allows 1,000 levels, which the audit record's
   * wrapping and the canonical hash then exceed; real tool arguments stay far below 64.
   */
  static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectReader STRICT =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The {@code charset} parameter of a Content-Type, quoted or not. */
  private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";]*)");

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

  /** {@code text} parsed as one JSON value, with the body's limits (nesting depth, no trailing tokens). */
  static JsonNode parseStrict(String text) throws JsonProcessingException {
    return STRICT.readTree(text);
  }

  /** The body parsed as JSON, or null when it is empty. */
  JsonNode json(Context ctx) {
    if (ctx.contentLength() > maxBodyBytes) {
      throw tooLarge();
    }
    String body = new String(ctx.bodyAsBytes(), charset(ctx));
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
   * The charset the body is declared in (UTF-8 when none is); an unknown one is a 400 naming it,
   * rather than a decoding failure later.
   */
  private static Charset charset(Context ctx) {
    String contentType = ctx.header("Content-Type");
    Matcher declared = contentType == null ? null : CHARSET.matcher(contentType);
    if (declared == null || !declared.find() || declared.group(1).isBlank()) {
      return StandardCharsets.UTF_8;
    }
    String bare = declared.group(1).strip();
    try {
      return Charset.forName(bare);
    } catch (IllegalArgumentException e) { // IllegalCharsetName or UnsupportedCharset
      throw ApiException.invalidRequest(
          "Content-Type", "the Content-Type names charset '" + bare + "', which this server does not know; send UTF-8");
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

  /** Dates outside years 1 to 9999 are refused: the stores and date arithmetic need not handle them. */
  private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);

  private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

  static Instant instantParam(Context ctx, String name) {
    String text = param(ctx, name);
    if (text == null) {
      return null;
    }
    Instant value;
    try {
      value = Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        value = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw ApiException.invalidRequest(
            name,
            "query parameter '" + name + "' must be an instant like 2026-01-31T12:00:00Z"
                + " or a date like 2026-01-31, got '" + text + "'");
      }
    }
    LocalDate day = LocalDate.ofInstant(value, ZoneOffset.UTC);
    if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
      throw outOfRange(name, text);
    }
    return value;
  }

  static LocalDate dateParam(Context ctx, String name, LocalDate fallback) {
    String text = param(ctx, name);
    if (text == null) {
      return fallback;
    }
    LocalDate value;
    try {
      value = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalidRequest(
          name, "query parameter '" + name + "' must be a date like 2026-01-31, got '" + text + "'");
    }
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw outOfRange(name, text);
    }
    return value;
  }

  private static ApiException outOfRange(String name, String text) {
    return ApiException.invalidRequest(
        name, "query parameter '" + name + "' must fall between " + EARLIEST + " and " + LATEST + ", got '" + text + "'");
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
