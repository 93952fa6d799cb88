package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.MarketingBackend;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Incident;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a fresh file so that the zero-setup gateway has something to work on: the demo support desk
 * (only while its tables are empty, so an operator's own data is never mixed with it) and the
 * {@code demo} client (only while there is no client at all).
 */
final class DemoData {
  static final ClientProfile DEMO_CLIENT =
      new ClientProfile("demo", "Demo Client", ZoneId.of("UTC"), Set.of(), Set.of(), null)
          .withMarketingBackend(MarketingBackend.SAMPLE);

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private DemoData() {}

  static void seed(SqliteDatabase database) {
    // The usual open, of a file seeded before: one read shows it, without waiting for the writer.
    // Otherwise the write transaction checks again, since another process may be seeding it too.
    boolean seeded =
        database.read(
            connection ->
                !(isEmpty(connection, "customers") && isEmpty(connection, "incidents"))
                    && !isEmpty(connection, "client_profiles"));
    if (seeded) {
      return;
    }
    database.update(
        connection -> {
          if (isEmpty(connection, "customers") && isEmpty(connection, "incidents")) {
            seedSupportDesk(connection);
            LOG.info("seeded the demo support desk in {}", database.file());
          }
          if (isEmpty(connection, "client_profiles")) {
            SqliteClientProfileStore.upsert(connection, DEMO_CLIENT);
            LOG.info("created client '{}' in {}", DEMO_CLIENT.clientKey(), database.file());
          }
        });
  }

  private static void seedSupportDesk(Connection connection) throws SQLException {
    for (Customer customer : DemoSupportData.customers()) {
      Sql.update(
          connection,
          "INSERT INTO customers (id, name, email, company, plan, status) VALUES (?, ?, ?, ?, ?, ?)",
          customer.id(),
          customer.name(),
          customer.email(),
          customer.company(),
          customer.plan(),
          customer.status().wireName());
    }
    for (Incident incident : DemoSupportData.incidents()) {
      Sql.update(
          connection,
          "INSERT INTO incidents (id, title, severity, status, started_at) VALUES (?, ?, ?, ?, ?)",
          incident.id(),
          incident.title(),
          incident.severity(),
          incident.status(),
          Sql.millis(incident.startedAt()));
      for (String customerId : DemoSupportData.affectedCustomerIds(incident.id())) {
        Sql.update(
            connection,
            "INSERT INTO incident_customers (incident_id, customer_id) VALUES (?, ?)",
            incident.id(),
            customerId);
      }
    }
  }

  private static boolean isEmpty(Connection connection, String table) throws SQLException {
    return Sql.queryOne(connection, "SELECT 1 FROM " + table + " LIMIT 1", row -> 1).isEmpty();
  }
}
