package dev.toolgate.ports.support;

import java.util.Locale;

/** How urgent a ticket is. */
public enum TicketPriority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TicketPriority parse(String value) {
    for (TicketPriority priority : values()) {
      if (priority.wireName().equalsIgnoreCase(value.trim())) {
        return priority;
      }
    }
    throw new IllegalArgumentException(
        "unknown ticket priority '" + value + "' (expected low, normal, high or urgent)");
  }
}
