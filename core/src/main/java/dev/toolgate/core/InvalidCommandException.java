package dev.toolgate.core;

import dev.toolgate.core.call.FieldError;
import java.util.List;

/**
 * A use case refused its command because of what was given: each problem at its field. Faces map it
 * to their "bad request" (REST 400 {@code invalid_request} with {@code details.errors}, CLI exit 4,
 * MCP invalid params). Nothing was changed.
 */
public final class InvalidCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  public InvalidCommandException(String message, List<FieldError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
    if (this.errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid command names at least one problem");
    }
  }

  /** One problem at one field. */
  public static InvalidCommandException of(String field, String message) {
    return new InvalidCommandException(message, List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
