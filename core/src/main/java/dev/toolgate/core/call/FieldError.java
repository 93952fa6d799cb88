package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import java.util.List;
import java.util.Objects;

/**
 * One reason arguments are invalid.
 *
 * @param field JSON Pointer to the offending value ({@code ""} for the whole object, {@code /limit}),
 *     or {@code idempotency_key} when the caller's idempotency key itself is malformed
 * @param message what is wrong, in words
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** Error details listing each problem at its field: {@code {"errors":[{"field","message"}]}}. */
  public static ObjectNode details(List<FieldError> errors) {
    ObjectNode details = Json.object();
    ArrayNode array = details.putArray("errors");
    errors.forEach(error -> array.addObject().put("field", error.field()).put("message", error.message()));
    return details;
  }
}
