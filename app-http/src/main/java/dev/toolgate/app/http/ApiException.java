package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.call.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A request refused at the edge, before or beside the gateway (no key, malformed JSON, a bad query
 * parameter). Thrown by handlers and rendered once, in the common error shape, by {@link ToolgateServer}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HttpReply reply;

  ApiException(int status, String code, String message, ObjectNode details, Map<String, String> headers) {
    super(code + ": " + message);
    this.reply = new HttpReply(status, JsonViews.error(code, message, details), headers);
  }

  ApiException(int status, String code, String message) {
    this(status, code, message, null, Map.of());
  }

  HttpReply reply() {
    return reply;
  }

  /** 400 {@code invalid_request}: something other than tool arguments is wrong, at {@code field}. */
  static ApiException invalidRequest(String field, String message) {
    return invalid("invalid_request", message, List.of(new FieldError(field, message)));
  }

  /** 400 with field-level errors under {@code details.errors}, each {@code {field, message}}. */
  static ApiException invalid(String code, String message, List<FieldError> errors) {
    return new ApiException(400, code, message, JsonViews.fieldErrors(errors), Map.of());
  }
}
