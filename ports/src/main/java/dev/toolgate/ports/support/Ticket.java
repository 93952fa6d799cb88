package dev.toolgate.ports.support;

import java.time.Instant;
import java.util.Objects;

/** A support ticket; new tickets are {@code open}. */
public record Ticket(
    String id,
    String customerId,
    String subject,
    String description,
    TicketPriority priority,
    String status,
    Instant createdAt) {
  public Ticket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
