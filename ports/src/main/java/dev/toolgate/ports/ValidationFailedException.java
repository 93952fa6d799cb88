package dev.toolgate.ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The backing system checked the data and refused it, listing what does not add up (for example a
 * FlowChat database worker answering {@code validated: false} with its {@code discrepancies}). Never a
 * success, never retried: the same data fails again.
 */
public class ValidationFailedException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /** @param discrepancies what the system found wrong, usually a list of {@code {field, message}} */
  public ValidationFailedException(String message, JsonNode discrepancies) {
    super(message, detailsOf(discrepancies));
  }

  private static ObjectNode detailsOf(JsonNode discrepancies) {
    Objects.requireNonNull(discrepancies, "discrepancies");
    ObjectNode details = Json.object();
    details.set("discrepancies", discrepancies.deepCopy());
    return details;
  }
}
