package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.WriteBatch;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo support desk in collections {@code customers}, {@code incidents} (each with the ids of
 * the customers it affects), {@code tickets} and {@code messages}. Ticket and message ids are
 * numbered from a counter document in {@code toolgate_meta}, moved in the same optimistic
 * transaction (see {@link FirestoreDatabase}) that creates the ticket or message, so writers on
 * several instances never share a number. A ticket or message made with an effect key also creates,
 * in that commit, a document in {@code effect_keys} naming it; a repeat reads that document and returns
 * the first ticket or message (two racers: one commit fails its create and its retry finds the first).
 *
 * <p>The desk is a small demo data set: searches and listings read the matching documents and sort
 * them here, which needs no composite index.
 */
final class FirestoreSupportDesk implements SupportDesk {
  static final String TICKET_COUNTER = "ticket_counter";
  static final String MESSAGE_COUNTER = "message_counter";


  private final FirestoreDatabase db;
  private final Clock clock;

  FirestoreSupportDesk(FirestoreDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<Customer> searchCustomers(String query, int limit) {
    Objects.requireNonNull(query, "query");
    requirePositive(limit);
    // Matched here rather than in a query: Firestore has no case-insensitive "contains".
    String needle = query.toLowerCase(Locale.ROOT);
    return allCustomers().stream().filter(customer -> matches(customer, needle)).limit(limit).toList();
  }

  @Override
  public Optional<Customer> findCustomer(String id) {
    Objects.requireNonNull(id, "id");
    DocumentSnapshot document = db.await(customer(id).get(), "reading customer '" + id + "'");
    return document.exists() ? Optional.of(Fields.read(document, FirestoreSupportDesk::customer)) : Optional.empty();
  }

  @Override
  public Ticket createTicket(NewTicket ticket, String effectKey) {
    Objects.requireNonNull(ticket, "ticket");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DocumentReference customer = customer(ticket.customerId());
    DocumentReference counter = db.meta(TICKET_COUNTER);
    DocumentReference marker = effectMarker("ticket", effectKey);
    String what = "opening a ticket for customer '" + ticket.customerId() + "'";
    return db.optimistically(
        what,
        () -> {
          List<DocumentSnapshot> read =
              db.await(marker == null ? db.getAll(customer, counter) : db.getAll(customer, counter, marker), what);
          if (marker != null && read.get(2).exists()) {
            return earlier(CollectionNames.TICKETS, read.get(2), FirestoreSupportDesk::ticket, what);
          }
          if (!read.get(0).exists()) {
            throw new NotFoundException("no customer with id '" + ticket.customerId() + "'");
          }
          WriteBatch batch = db.batch();
          long seq = advance(batch, read.get(1));
          Ticket created =
              new Ticket(
                  String.format(Locale.ROOT, "tkt_%06d", seq), ticket.customerId(), ticket.subject(),
                  ticket.description(), ticket.priority(), "open", now);
          Map<String, Object> fields = new HashMap<>();
          fields.put("id", created.id());
          fields.put("seq", seq);
          fields.put("customer_id", created.customerId());
          fields.put("subject", created.subject());
          fields.put("description", created.description());
          fields.put("priority", created.priority().wireName());
          fields.put("status", created.status());
          fields.put("created_at", Fields.timestamp(created.createdAt()));
          batch.create(db.collection(CollectionNames.TICKETS).document(created.id()), fields);
          markEffect(batch, marker, effectKey, created.id());
          db.commitIfUnchanged(batch, what);
          return created;
        });
  }

  @Override
  public List<Ticket> listTickets(String customerId, int limit) {
    requirePositive(limit);
    Query tickets = db.collection(CollectionNames.TICKETS);
    if (customerId != null) {
      tickets = tickets.whereEqualTo("customer_id", customerId);
    }
    // seq is assigned in creation order, so the newest are the highest: Firestore sorts and limits.
    return Queries.all(db, tickets.orderBy("seq", Query.Direction.DESCENDING).limit(limit), "listing tickets")
        .stream()
        .map(document -> Fields.read(document, FirestoreSupportDesk::ticket))
        .toList();
  }

  @Override
  public Customer updateCustomerStatus(String customerId, CustomerStatus status) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    DocumentReference reference = customer(customerId);
    String what = "updating the status of customer '" + customerId + "'";
    return db.optimistically(
        what,
        () -> {
          DocumentSnapshot document = db.await(reference.get(), what);
          if (!document.exists()) {
            throw new NotFoundException("no customer with id '" + customerId + "'");
          }
          Customer before = Fields.read(document, FirestoreSupportDesk::customer);
          db.conditionally(
              reference.update(Map.of("status", status.wireName()), FirestoreDatabase.unchangedSince(document)),
              what);
          return before.withStatus(status);
        });
  }

  @Override
  public Message sendMessage(String channel, String text, String effectKey) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DocumentReference counter = db.meta(MESSAGE_COUNTER);
    DocumentReference marker = effectMarker("message", effectKey);
    String what = "posting a message to '" + channel + "'";
    return db.optimistically(
        what,
        () -> {
          List<DocumentSnapshot> read = db.await(marker == null ? db.getAll(counter) : db.getAll(counter, marker), what);
          if (marker != null && read.get(1).exists()) {
            return earlier(CollectionNames.MESSAGES, read.get(1), FirestoreSupportDesk::message, what);
          }
          WriteBatch batch = db.batch();
          long seq = advance(batch, read.get(0));
          Message message = new Message(String.format(Locale.ROOT, "msg_%06d", seq), channel, text, now);
          Map<String, Object> fields = new HashMap<>();
          fields.put("id", message.id());
          fields.put("seq", seq);
          fields.put("channel", message.channel());
          fields.put("text", message.text());
          fields.put("sent_at", Fields.timestamp(message.sentAt()));
          batch.create(db.collection(CollectionNames.MESSAGES).document(message.id()), fields);
          markEffect(batch, marker, effectKey, message.id());
          db.commitIfUnchanged(batch, what);
          return message;
        });
  }

  @Override
  public List<Message> listMessages(String channel, int limit) {
    requirePositive(limit);
    Query messages = db.collection(CollectionNames.MESSAGES);
    if (channel != null) {
      messages = messages.whereEqualTo("channel", channel);
    }
    return Queries.all(db, messages.orderBy("seq", Query.Direction.DESCENDING).limit(limit), "listing messages")
        .stream()
        .map(document -> Fields.read(document, FirestoreSupportDesk::message))
        .toList();
  }

  @Override
  public List<Incident> listIncidents() {
    return Queries.all(db, db.collection(CollectionNames.INCIDENTS), "listing incidents").stream()
        .map(document -> Fields.read(document, FirestoreSupportDesk::incident))
        .sorted(Comparator.comparing(Incident::startedAt).thenComparing(Incident::id).reversed())
        .toList();
  }

  @Override
  public Optional<IncidentImpact> incidentImpact(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    DocumentSnapshot document =
        db.await(
            db.collection(CollectionNames.INCIDENTS).document(DocIds.natural(incidentId)).get(),
            "reading incident '" + incidentId + "'");
    if (!document.exists()) {
      return Optional.empty();
    }
    Incident incident = Fields.read(document, FirestoreSupportDesk::incident);
    DocumentReference[] affected =
        Fields.read(document, d -> Fields.stringSet(d, "affected_customer_ids")).stream()
            .map(this::customer)
            .toArray(DocumentReference[]::new);
    List<Customer> customers =
        affected.length == 0
            ? List.of()
            : db.await(db.getAll(affected), "reading the customers of incident '" + incidentId + "'")
                .stream()
                .filter(DocumentSnapshot::exists)
                .map(d -> Fields.read(d, FirestoreSupportDesk::customer))
                .sorted(Comparator.comparing(Customer::id))
                .toList();
    return Optional.of(new IncidentImpact(incident, customers));
  }

  private List<Customer> allCustomers() {
    return Queries.all(db, db.collection(CollectionNames.CUSTOMERS), "reading customers").stream()
        .map(document -> Fields.read(document, FirestoreSupportDesk::customer))
        .sorted(Comparator.comparing(Customer::id))
        .toList();
  }

  /** Adds the move of {@code counter} (as read) to {@code batch}, conditional on it; returns the new number. */
  private static long advance(WriteBatch batch, DocumentSnapshot counter) {
    if (!counter.exists()) {
      batch.create(counter.getReference(), Map.of("last", 1L));
      return 1;
    }
    long next = Fields.read(counter, d -> Fields.number(d, "last")) + 1;
    batch.update(counter.getReference(), Map.of("last", next), FirestoreDatabase.unchangedSince(counter));
    return next;
  }

  /** The effect-key document of a {@code kind} ("ticket", "message") for {@code effectKey}, or null without a key. */
  private DocumentReference effectMarker(String kind, String effectKey) {
    return effectKey == null ? null : db.collection(CollectionNames.EFFECT_KEYS).document(DocIds.hashed(kind, effectKey));
  }

  /** Adds the creation of the effect-key document to {@code batch}; it fails the commit if a racer made one. */
  private static void markEffect(WriteBatch batch, DocumentReference marker, String effectKey, String targetId) {
    if (marker != null) {
      batch.create(marker, Map.of("effect_key", effectKey, "target_id", targetId));
    }
  }

  /** What an earlier call with the same effect key created, as its marker names it. */
  private <T> T earlier(
      String collection, DocumentSnapshot marker, Function<DocumentSnapshot, T> mapper, String what) {
    String id = Fields.read(marker, d -> Fields.requiredText(d, "target_id"));
    DocumentSnapshot document = db.await(db.collection(collection).document(id).get(), what);
    return Fields.read(document, mapper);
  }

  private DocumentReference customer(String id) {
    return db.collection(CollectionNames.CUSTOMERS).document(DocIds.natural(id));
  }

  static Map<String, Object> fields(Customer customer) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", customer.id());
    fields.put("name", customer.name());
    fields.put("email", customer.email());
    fields.put("company", customer.company());
    fields.put("plan", customer.plan());
    fields.put("status", customer.status().wireName());
    return fields;
  }

  static Map<String, Object> fields(Incident incident, List<String> affectedCustomerIds) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("id", incident.id());
    fields.put("title", incident.title());
    fields.put("severity", incident.severity());
    fields.put("status", incident.status());
    fields.put("started_at", Fields.timestamp(incident.startedAt()));
    fields.put("affected_customer_ids", Fields.stringSet(affectedCustomerIds));
    return fields;
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

  private static Customer customer(DocumentSnapshot d) {
    return new Customer(
        Fields.requiredText(d, "id"),
        Fields.requiredText(d, "name"),
        Fields.requiredText(d, "email"),
        Fields.requiredText(d, "company"),
        Fields.requiredText(d, "plan"),
        CustomerStatus.parse(Fields.requiredText(d, "status")));
  }

  private static Ticket ticket(DocumentSnapshot d) {
    return new Ticket(
        Fields.requiredText(d, "id"),
        Fields.requiredText(d, "customer_id"),
        Fields.requiredText(d, "subject"),
        Fields.requiredText(d, "description"),
        TicketPriority.parse(Fields.requiredText(d, "priority")),
        Fields.requiredText(d, "status"),
        Fields.requiredInstant(d, "created_at"));
  }

  private static Message message(DocumentSnapshot d) {
    return new Message(
        Fields.requiredText(d, "id"),
        Fields.requiredText(d, "channel"),
        Fields.requiredText(d, "text"),
        Fields.requiredInstant(d, "sent_at"));
  }

  private static Incident incident(DocumentSnapshot d) {
    return new Incident(
        Fields.requiredText(d, "id"),
        Fields.requiredText(d, "title"),
        Fields.requiredText(d, "severity"),
        Fields.requiredText(d, "status"),
        Fields.requiredInstant(d, "started_at"));
  }

  /** A ticket or message with its number, the tie-breaker among equal times (newer number first). */
}
