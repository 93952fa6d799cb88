package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.Incident;
import dev.toolgate.ports.support.IncidentImpact;
import dev.toolgate.ports.support.Message;
import dev.toolgate.ports.support.NewTicket;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.support.Ticket;
import dev.toolgate.ports.support.TicketPriority;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo support desk in tables {@code customers}, {@code tickets}, {@code messages},
 * {@code incidents} and {@code incident_customers}. Ticket and message ids are numbered from their
 * row's sequence inside the inserting transaction, so concurrent writers never share one. A ticket
 * or message made with an effect key stores it in a unique {@code idempotency_key} column; the
 * look-up and the insert share one write transaction, so a repeat returns the first row.
 */
final class SqliteSupportDesk implements SupportDesk {
  private static final String CUSTOMER_COLUMNS = "id, name, email, company, plan, status";
  private static final String TICKET_COLUMNS =
      "id, customer_id, subject, description, priority, status, created_at";
  private static final String MESSAGE_COLUMNS = "id, channel, text, sent_at";
  private static final String INCIDENT_COLUMNS = "id, title, severity, status, started_at";

  private final SqliteDatabase database;
  private final Clock clock;

  SqliteSupportDesk(SqliteDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** An embedded file: every call ends within the busy timeout, and most in well under a millisecond. */
  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public List<Customer> searchCustomers(String query, int limit) {
    Objects.requireNonNull(query, "query");
    requirePositive(limit);
    // Matched in Java rather than with SQL LIKE, whose case folding covers ASCII only: a search for
    // "zoë" must find "Zoë". The desk is small enough to scan.
    String needle = query.toLowerCase(Locale.ROOT);
    return database
        .read(
            connection ->
                Sql.query(
                    connection,
                    "SELECT " + CUSTOMER_COLUMNS + " FROM customers ORDER BY id",
                    SqliteSupportDesk::customer))
        .stream()
        .filter(customer -> matches(customer, needle))
        .limit(limit)
        .toList();
  }

  @Override
  public Optional<Customer> findCustomer(String id) {
    Objects.requireNonNull(id, "id");
    return database.read(connection -> findCustomer(connection, id));
  }

  @Override
  public Ticket createTicket(NewTicket ticket, String effectKey) {
    Objects.requireNonNull(ticket, "ticket");
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          if (effectKey != null) {
            Optional<Ticket> earlier =
                Sql.queryOne(
                    connection,
                    "SELECT " + TICKET_COLUMNS + " FROM tickets WHERE idempotency_key = ?",
                    SqliteSupportDesk::ticket,
                    effectKey);
            if (earlier.isPresent()) {
              return earlier.get();
            }
          }
          if (findCustomer(connection, ticket.customerId()).isEmpty()) {
            throw new NotFoundException("no customer with id '" + ticket.customerId() + "'");
          }
          long seq = nextSeq(connection, "tickets");
          Ticket created =
              new Ticket(
                  String.format(Locale.ROOT, "tkt_%06d", seq),
                  ticket.customerId(),
                  ticket.subject(),
                  ticket.description(),
                  ticket.priority(),
                  "open",
                  Instant.ofEpochMilli(now.toEpochMilli()));
          Sql.update(
              connection,
              "INSERT INTO tickets (seq, idempotency_key, " + TICKET_COLUMNS + ")"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              seq,
              effectKey,
              created.id(),
              created.customerId(),
              created.subject(),
              created.description(),
              created.priority().wireName(),
              created.status(),
              Sql.millis(created.createdAt()));
          return created;
        });
  }

  @Override
  public List<Ticket> listTickets(String customerId, int limit) {
    requirePositive(limit);
    return database.read(
        connection ->
            customerId == null
                ? Sql.query(
                    connection,
                    "SELECT " + TICKET_COLUMNS + " FROM tickets ORDER BY created_at DESC, seq DESC LIMIT ?",
                    SqliteSupportDesk::ticket,
                    limit)
                : Sql.query(
                    connection,
                    "SELECT " + TICKET_COLUMNS + " FROM tickets WHERE customer_id = ?"
                        + " ORDER BY created_at DESC, seq DESC LIMIT ?",
                    SqliteSupportDesk::ticket,
                    customerId,
                    limit));
  }

  @Override
  public Customer updateCustomerStatus(String customerId, CustomerStatus status) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    return database.transaction(
        connection -> {
          if (Sql.update(
                  connection, "UPDATE customers SET status = ? WHERE id = ?", status.wireName(), customerId)
              == 0) {
            throw new NotFoundException("no customer with id '" + customerId + "'");
          }
          return findCustomer(connection, customerId).orElseThrow();
        });
  }

  @Override
  public Message sendMessage(String channel, String text, String effectKey) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          if (effectKey != null) {
            Optional<Message> earlier =
                Sql.queryOne(
                    connection,
                    "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE idempotency_key = ?",
                    SqliteSupportDesk::message,
                    effectKey);
            if (earlier.isPresent()) {
              return earlier.get();
            }
          }
          long seq = nextSeq(connection, "messages");
          Message message =
              new Message(
                  String.format(Locale.ROOT, "msg_%06d", seq),
                  channel,
                  text,
                  Instant.ofEpochMilli(now.toEpochMilli()));
          Sql.update(
              connection,
              "INSERT INTO messages (seq, idempotency_key, " + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
              seq,
              effectKey,
              message.id(),
              message.channel(),
              message.text(),
              Sql.millis(message.sentAt()));
          return message;
        });
  }

  @Override
  public List<Message> listMessages(String channel, int limit) {
    requirePositive(limit);
    String where = channel == null ? "" : " WHERE channel = ?";
    Object[] params = channel == null ? new Object[] {limit} : new Object[] {channel, limit};
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + MESSAGE_COLUMNS + " FROM messages" + where + " ORDER BY sent_at DESC, seq DESC LIMIT ?",
                SqliteSupportDesk::message,
                params));
  }

  @Override
  public List<Incident> listIncidents() {
    return database.read(
        connection ->
            Sql.query(
                connection,
                "SELECT " + INCIDENT_COLUMNS + " FROM incidents ORDER BY started_at DESC, id DESC",
                SqliteSupportDesk::incident));
  }

  @Override
  public Optional<IncidentImpact> incidentImpact(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return database.read(
        connection -> {
          Optional<Incident> incident =
              Sql.queryOne(
                  connection,
                  "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE id = ?",
                  SqliteSupportDesk::incident,
                  incidentId);
          if (incident.isEmpty()) {
            return Optional.<IncidentImpact>empty();
          }
          List<Customer> affected =
              Sql.query(
                  connection,
                  "SELECT c.id, c.name, c.email, c.company, c.plan, c.status FROM customers c"
                      + " JOIN incident_customers ic ON ic.customer_id = c.id"
                      + " WHERE ic.incident_id = ? ORDER BY c.id",
                  SqliteSupportDesk::customer,
                  incidentId);
          return Optional.of(new IncidentImpact(incident.get(), affected));
        });
  }

  private static long nextSeq(Connection connection, String table) throws SQLException {
    return Sql.queryOne(connection, "SELECT coalesce(max(seq), 0) + 1 AS next FROM " + table, row -> row.getLong("next"))
        .orElseThrow();
  }

  private static Optional<Customer> findCustomer(Connection connection, String id) throws SQLException {
    return Sql.queryOne(
        connection,
        "SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE id = ?",
        SqliteSupportDesk::customer,
        id);
  }

  private static boolean matches(Customer customer, String needle) {
    return customer.id().toLowerCase(Locale.ROOT).contains(needle)
        || customer.name().toLowerCase(Locale.ROOT).contains(needle)
        || customer.email().toLowerCase(Locale.ROOT).contains(needle)
        || customer.company().toLowerCase(Locale.ROOT).contains(needle);
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  private static Customer customer(ResultSet row) throws SQLException {
    return new Customer(
        row.getString("id"),
        row.getString("name"),
        row.getString("email"),
        row.getString("company"),
        row.getString("plan"),
        CustomerStatus.parse(row.getString("status")));
  }

  private static Ticket ticket(ResultSet row) throws SQLException {
    return new Ticket(
        row.getString("id"),
        row.getString("customer_id"),
        row.getString("subject"),
        row.getString("description"),
        TicketPriority.parse(row.getString("priority")),
        row.getString("status"),
        Sql.instant(row, "created_at"));
  }

  private static Message message(ResultSet row) throws SQLException {
    return new Message(row.getString("id"), row.getString("channel"), row.getString("text"), Sql.instant(row, "sent_at"));
  }

  private static Incident incident(ResultSet row) throws SQLException {
    return new Incident(
        row.getString("id"),
        row.getString("title"),
        row.getString("severity"),
        row.getString("status"),
        Sql.instant(row, "started_at"));
  }
}
