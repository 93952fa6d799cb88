package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoSupportDataTest {
  private static final List<Customer> CUSTOMERS = DemoSupportData.customers();

  @Test
  void customersHaveDistinctOrderedIdsAndKnownPlans() {
    assertThat(CUSTOMERS).hasSizeBetween(6, 12);
    assertThat(CUSTOMERS).extracting(Customer::id).doesNotHaveDuplicates().isSorted().allMatch(id -> id.matches("cus_\\d{3}"));
    assertThat(CUSTOMERS).extracting(Customer::email).doesNotHaveDuplicates();
    assertThat(CUSTOMERS).extracting(Customer::plan).allMatch(Set.of("starter", "growth", "enterprise")::contains);
  }

  @Test
  void customersAreMostlyActiveWithOneAtRisk() {
    assertThat(CUSTOMERS).filteredOn(c -> c.status() == CustomerStatus.AT_RISK).hasSize(1);
    assertThat(CUSTOMERS).filteredOn(c -> c.status() == CustomerStatus.ACTIVE).hasSize(CUSTOMERS.size() - 1);
  }

  @Test
  void exactlyOneCustomerIsAcme() {
    assertThat(CUSTOMERS)
        .filteredOn(c -> (c.name() + c.email() + c.company()).toLowerCase().contains("acme"))
        .hasSize(1);
  }

  @Test
  void incidentsStartedIn2026AndAffectKnownCustomersInIdOrder() {
    List<Incident> incidents = DemoSupportData.incidents();
    Set<String> customerIds = Set.copyOf(CUSTOMERS.stream().map(Customer::id).toList());

    assertThat(incidents).hasSizeBetween(2, 3);
    assertThat(incidents).extracting(Incident::id).doesNotHaveDuplicates().isSorted();
    for (Incident incident : incidents) {
      assertThat(incident.startedAt())
          .isBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-31T23:59:59Z"));
      assertThat(DemoSupportData.affectedCustomerIds(incident.id()))
          .isNotEmpty()
          .isSorted()
          .doesNotHaveDuplicates()
          .allMatch(customerIds::contains);
    }
  }

  @Test
  void unknownIncidentAffectsNobody() {
    assertThat(DemoSupportData.affectedCustomerIds("inc_999")).isEmpty();
  }
}
