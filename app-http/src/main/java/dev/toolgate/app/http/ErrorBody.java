package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;

/**
 * The one error shape of every response: {@code {"error":{"code","message","details"}}}, to which
 * {@link Replies} adds {@code request_id}. {@code code} is stable and machine-readable.
 */
final class ErrorBody {
  private ErrorBody() {}

  static ObjectNode of(String code, String message, ObjectNode details) {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("message", message);
    error.set("details", details == null ? Json.object() : details);
    ObjectNode body = Json.object();
    body.set("error", error);
    return body;
  }
}
