package dev.toolgate.ports.support;

import java.util.Objects;

/** What is needed to open a ticket. */
public record NewTicket(String customerId, String subject, String description, TicketPriority priority) {
  public NewTicket {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priority, "priority");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("ticket subject must not be blank");
    }
  }
}
