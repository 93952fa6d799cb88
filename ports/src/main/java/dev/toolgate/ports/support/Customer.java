package dev.toolgate.ports.support;

import java.util.Objects;

/** A customer of the support desk. */
public record Customer(
    String id, String name, String email, String company, String plan, CustomerStatus status) {
  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(company, "company");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
  }

  public Customer withStatus(CustomerStatus newStatus) {
    return new Customer(id, name, email, company, plan, newStatus);
  }
}
