package dev.toolgate.adapter.firestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The field formats of the stored documents. Instants are Firestore timestamps (microsecond
 * precision, so TTL policies and the console understand them); JSON values (arguments, outcomes,
 * details, evidence) are JSON text, because Firestore maps would change number types and key order
 * and the audit chain hashes must reproduce exactly; sets are sorted arrays; a rate limit is its text.
 */
final class Fields {
  private Fields() {}

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }

  /** {@code instant} as it will read back: Firestore keeps microseconds. */
  static Instant stored(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant instant(DocumentSnapshot document, String field) {
    Timestamp value = document.getTimestamp(field);
    return value == null ? null : Instant.ofEpochSecond(value.getSeconds(), value.getNanos());
  }

  static Instant requiredInstant(DocumentSnapshot document, String field) {
    return required(document, field, instant(document, field));
  }

  static String text(DocumentSnapshot document, String field) {
    return document.getString(field);
  }

  static String requiredText(DocumentSnapshot document, String field) {
    return required(document, field, document.getString(field));
  }

  static long number(DocumentSnapshot document, String field) {
    return required(document, field, document.getLong(field));
  }

  /** A counter that documents written before the field existed lack: 0 then. */
  static long counter(DocumentSnapshot document, String field) {
    Long value = document.getLong(field);
    return value == null ? 0 : value;
  }

  static boolean flag(DocumentSnapshot document, String field) {
    return required(document, field, document.getBoolean(field));
  }

  static String json(JsonNode node) {
    return node == null ? null : Json.write(node);
  }

  static JsonNode json(DocumentSnapshot document, String field) {
    String text = document.getString(field);
    return text == null ? null : Json.parse(text);
  }

  /** A set as a sorted list, so that equal sets are stored equally. */
  static List<String> stringSet(Collection<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  static Set<String> stringSet(DocumentSnapshot document, String field) {
    Object value = document.get(field);
    if (!(value instanceof List<?> list)) {
      throw new IllegalStateException("field " + field + " holds " + value + ", not an array");
    }
    Set<String> values = new LinkedHashSet<>();
    list.forEach(element -> values.add(String.valueOf(element)));
    return values;
  }

  /** As {@link #stringSet(DocumentSnapshot, String)}, reading a missing field as the empty set. */
  static Set<String> optionalStringSet(DocumentSnapshot document, String field) {
    return document.get(field) == null ? Set.of() : stringSet(document, field);
  }

  static String rateLimit(RateLimitSpec spec) {
    return spec == null ? null : spec.toString();
  }

  /**
   * Reads {@link RateLimitSpec#toString()}, which writes periods other than a second, minute or hour
   * in ISO-8601 ({@code 5/PT30S}) that {@link RateLimitSpec#parse} does not read.
   */
  static RateLimitSpec rateLimit(DocumentSnapshot document, String field) {
    String text = document.getString(field);
    if (text == null) {
      return null;
    }
    int slash = text.indexOf('/');
    if (slash > 0 && text.regionMatches(true, slash + 1, "P", 0, 1)) {
      return new RateLimitSpec(Integer.parseInt(text.substring(0, slash)), Duration.parse(text.substring(slash + 1)));
    }
    return RateLimitSpec.parse(text);
  }

  /**
   * Maps a document to a value; a document this code cannot read was written by something else (or
   * edited by hand), which is a store failure, not an argument error of the caller.
   */
  static <T> T read(DocumentSnapshot document, Function<DocumentSnapshot, T> mapper) {
    try {
      return mapper.apply(document);
    } catch (PortException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PortException(
          "unreadable Firestore document " + document.getReference().getPath() + ": " + e.getMessage(), e);
    }
  }

  private static <T> T required(DocumentSnapshot document, String field, T value) {
    if (value == null) {
      throw new IllegalStateException("required field " + field + " is missing");
    }
    return value;
  }
}
