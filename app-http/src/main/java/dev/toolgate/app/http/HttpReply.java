package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/** A status, a JSON body and extra headers, ready to send. */
record HttpReply(int status, ObjectNode body, Map<String, String> headers) {
  HttpReply {
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  static HttpReply of(int status, ObjectNode body) {
    return new HttpReply(status, body, Map.of());
  }
}
