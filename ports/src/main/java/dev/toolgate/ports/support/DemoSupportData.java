package dev.toolgate.ports.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The demo data set of the support desk: a few customers of a fictional SaaS product and the
 * incidents that affected them. Stores seed it on first start (so the zero-setup gateway has
 * something to search) and the in-memory fake loads it; the support desk contract suite expects a
 * desk under test to hold exactly this data.
 *
 * <p>Exactly one customer belongs to Acme Corp, so that the seed 001 demo ("find the Acme
 * customer") has one answer. Every list is immutable and ordered by id.
 */
public final class DemoSupportData {
  private static final List<Customer> CUSTOMERS =
      List.of(
          new Customer("cus_001", "Maria Chen", "maria.chen@acme.example", "Acme Corp", "enterprise", CustomerStatus.ACTIVE),
          new Customer("cus_002", "Jonas Weber", "jonas.weber@globex.example", "Globex Logistics", "growth", CustomerStatus.ACTIVE),
          new Customer("cus_003", "Priya Raman", "priya.raman@initech.example", "Initech", "starter", CustomerStatus.ACTIVE),
          new Customer("cus_004", "Tomás Alvarez", "tomas@northwind.example", "Northwind Traders", "growth", CustomerStatus.AT_RISK),
          new Customer("cus_005", "Aiko Tanaka", "aiko.tanaka@contoso.example", "Contoso Health", "enterprise", CustomerStatus.ACTIVE),
          new Customer("cus_006", "Samuel Okafor", "sam@bluebird-analytics.example", "Bluebird Analytics", "starter", CustomerStatus.ACTIVE),
          new Customer("cus_007", "Léa Martin", "lea.martin@fabrikam.example", "Fabrikam Retail", "growth", CustomerStatus.ACTIVE),
          new Customer("cus_008", "Grace Miller", "grace@wayfarer-travel.example", "Wayfarer Travel", "starter", CustomerStatus.ACTIVE));

  private static final List<Incident> INCIDENTS =
      List.of(
          new Incident("inc_001", "EU card payments failing at checkout", "critical", "resolved", Instant.parse("2026-03-14T08:20:00Z")),
          new Incident("inc_002", "Email notifications delayed up to 2 hours", "minor", "resolved", Instant.parse("2026-05-02T13:05:00Z")),
          new Incident("inc_003", "Elevated API latency in us-east", "major", "monitoring", Instant.parse("2026-06-18T16:40:00Z")));

  private static final Map<String, List<String>> AFFECTED =
      Map.of(
          "inc_001", List.of("cus_002", "cus_005", "cus_007"),
          "inc_002", List.of("cus_003", "cus_006"),
          "inc_003", List.of("cus_001", "cus_004", "cus_008"));

  private DemoSupportData() {}

  /** The demo customers, ordered by id ({@code cus_001}…); mostly active, one at risk. */
  public static List<Customer> customers() {
    return CUSTOMERS;
  }

  /** The demo incidents, ordered by id ({@code inc_001}…), all started in 2026. */
  public static List<Incident> incidents() {
    return INCIDENTS;
  }

  /** Ids of the customers an incident affects, ordered by id; empty for an unknown incident id. */
  public static List<String> affectedCustomerIds(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return AFFECTED.getOrDefault(incidentId, List.of());
  }
}
