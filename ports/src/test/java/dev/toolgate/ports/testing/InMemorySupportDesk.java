package dev.toolgate.ports.testing;

import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Incident;
import dev.toolgate.ports.support.IncidentImpact;
import dev.toolgate.ports.support.Message;
import dev.toolgate.ports.support.NewTicket;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.support.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A {@link SupportDesk} in memory, for tests. Tickets and messages get ids {@code tkt_001},
 * {@code msg_001}… in creation order and their time from the clock. Start empty and add customers
 * and incidents, or start from {@link #withDemoData}. Thread-safe.
 */
public final class InMemorySupportDesk implements SupportDesk {
  private final Clock clock;
  private final TreeMap<String, Customer> customers = new TreeMap<>();
  private final Map<String, Incident> incidents = new HashMap<>();
  private final Map<String, List<String>> affected = new HashMap<>();
  private final List<Ticket> tickets = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  // Effect key -> what the first call with it created; stands for the stores' unique key column.
  private final Map<String, Ticket> ticketsByEffectKey = new HashMap<>();
  private final Map<String, Message> messagesByEffectKey = new HashMap<>();

  /** An empty desk whose tickets and messages are stamped by {@code clock}. */
  public InMemorySupportDesk(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A desk holding exactly {@link DemoSupportData}. */
  public static InMemorySupportDesk withDemoData(Clock clock) {
    InMemorySupportDesk desk = new InMemorySupportDesk(clock);
    DemoSupportData.customers().forEach(desk::addCustomer);
    for (Incident incident : DemoSupportData.incidents()) {
      desk.addIncident(incident, DemoSupportData.affectedCustomerIds(incident.id()));
    }
    return desk;
  }

  /** Adds or replaces a customer. */
  public synchronized void addCustomer(Customer customer) {
    Objects.requireNonNull(customer, "customer");
    customers.put(customer.id(), customer);
  }

  /** Adds or replaces an incident and the ids of the customers it affects, which must exist. */
  public synchronized void addIncident(Incident incident, Collection<String> affectedCustomerIds) {
    Objects.requireNonNull(incident, "incident");
    for (String id : affectedCustomerIds) {
      if (!customers.containsKey(id)) {
        throw new IllegalArgumentException(
            "incident '" + incident.id() + "' affects unknown customer '" + id + "'");
      }
    }
    incidents.put(incident.id(), incident);
    affected.put(incident.id(), affectedCustomerIds.stream().sorted().toList());
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public synchronized List<Customer> searchCustomers(String query, int limit) {
    Objects.requireNonNull(query, "query");
    requirePositive(limit);
    String needle = query.toLowerCase(Locale.ROOT);
    return customers.values().stream()
        .filter(
            c ->
                Stream.of(c.id(), c.name(), c.email(), c.company())
                    .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(needle)))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<Customer> findCustomer(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(customers.get(id));
  }

  @Override
  public synchronized Ticket createTicket(NewTicket ticket, String effectKey) {
    Objects.requireNonNull(ticket, "ticket");
    if (effectKey != null && ticketsByEffectKey.containsKey(effectKey)) {
      return ticketsByEffectKey.get(effectKey);
    }
    requireCustomer(ticket.customerId());
    Ticket created =
        new Ticket(
            String.format(Locale.ROOT, "tkt_%03d", tickets.size() + 1),
            ticket.customerId(),
            ticket.subject(),
            ticket.description(),
            ticket.priority(),
            "open",
            clock.instant());
    tickets.add(created);
    if (effectKey != null) {
      ticketsByEffectKey.put(effectKey, created);
    }
    return created;
  }

  @Override
  public synchronized List<Ticket> listTickets(String customerId, int limit) {
    requirePositive(limit);
    return newestFirst(tickets, Ticket::createdAt).stream()
        .filter(t -> customerId == null || customerId.equals(t.customerId()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Customer updateCustomerStatus(String customerId, CustomerStatus status) {
    Objects.requireNonNull(status, "status");
    Customer updated = requireCustomer(customerId).withStatus(status);
    customers.put(customerId, updated);
    return updated;
  }

  @Override
  public synchronized Message sendMessage(String channel, String text, String effectKey) {
    if (effectKey != null && messagesByEffectKey.containsKey(effectKey)) {
      return messagesByEffectKey.get(effectKey);
    }
    Message message =
        new Message(
            String.format(Locale.ROOT, "msg_%03d", messages.size() + 1), channel, text, clock.instant());
    messages.add(message);
    if (effectKey != null) {
      messagesByEffectKey.put(effectKey, message);
    }
    return message;
  }

  @Override
  public synchronized List<Message> listMessages(String channel, int limit) {
    requirePositive(limit);
    return newestFirst(messages, Message::sentAt).stream()
        .filter(m -> channel == null || channel.equals(m.channel()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<Incident> listIncidents() {
    return incidents.values().stream()
        .sorted(Comparator.comparing(Incident::startedAt).thenComparing(Incident::id).reversed())
        .toList();
  }

  @Override
  public synchronized Optional<IncidentImpact> incidentImpact(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    Incident incident = incidents.get(incidentId);
    if (incident == null) {
      return Optional.empty();
    }
    List<Customer> hit = affected.get(incidentId).stream().map(customers::get).toList();
    return Optional.of(new IncidentImpact(incident, hit));
  }

  private Customer requireCustomer(String id) {
    Objects.requireNonNull(id, "customerId");
    Customer customer = customers.get(id);
    if (customer == null) {
      throw new NotFoundException("no customer '" + id + "'");
    }
    return customer;
  }

  /** Newest first by time; among equal times the later-created item first, as it was appended later. */
  private static <T> List<T> newestFirst(List<T> items, Function<T, Instant> time) {
    List<T> reversed = new ArrayList<>(items);
    Collections.reverse(reversed);
    return reversed.stream().sorted(Comparator.comparing(time).reversed()).toList();
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }
}
