package dev.toolgate.workers.flowchat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database worker's validation findings, in the order found. Rendered as the contract's
 * {@code discrepancies: [{field, message}]}.
 */
final class Discrepancies {
  private final List<Map<String, String>> items = new ArrayList<>();

  Discrepancies add(String field, String message) {
    items.add(Map.of("field", field, "message", message));
    return this;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  List<Map<String, String>> asList() {
    return List.copyOf(items);
  }
}
