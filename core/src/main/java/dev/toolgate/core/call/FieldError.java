package dev.toolgate.core.call;

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
}
