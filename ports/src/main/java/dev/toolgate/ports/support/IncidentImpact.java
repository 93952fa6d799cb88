package dev.toolgate.ports.support;

import java.util.List;
import java.util.Objects;

/** An incident and the customers it affects, ordered by customer id. */
public record IncidentImpact(Incident incident, List<Customer> affectedCustomers) {
  public IncidentImpact {
    Objects.requireNonNull(incident, "incident");
    affectedCustomers = List.copyOf(affectedCustomers);
  }
}
