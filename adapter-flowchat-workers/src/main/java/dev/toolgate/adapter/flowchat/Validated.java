package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.ValidationFailedException;

/** The seed's critical rule: a database-worker write succeeded only when it answered {@code validated: true}. */
final class Validated {
  private Validated() {}

  /** {@code answer} itself, or {@link ValidationFailedException} with the worker's discrepancies. */
  static JsonNode require(String what, JsonNode answer) {
    JsonNode validated = answer.get("validated");
    if (validated != null && validated.isBoolean() && validated.booleanValue()) {
      return answer;
    }
    JsonNode discrepancies = answer.path("discrepancies");
    if (!discrepancies.isArray()) {
      discrepancies = Json.mapper().createArrayNode();
    }
    StringBuilder message = new StringBuilder(what).append(" was not validated by the database worker");
    if (validated == null || !validated.isBoolean()) {
      message.append(" (its answer has no validated flag)");
    }
    for (JsonNode d : discrepancies) {
      message.append(message.indexOf(": ") < 0 ? ": " : "; ")
          .append(d.path("field").asText("?")).append(": ").append(d.path("message").asText());
    }
    throw new ValidationFailedException(message.toString(), discrepancies);
  }
}
