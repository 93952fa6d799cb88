package dev.toolgate.ports.support;

import java.time.Instant;
import java.util.Objects;

/** An incident (an outage or degradation) that may affect customers. */
public record Incident(String id, String title, String severity, String status, Instant startedAt) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
