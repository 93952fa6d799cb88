package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.toolgate.ports.support.TicketPriority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SupportDesk}: every implementation's test extends this suite. The desk
 * under test starts with exactly {@link DemoSupportData}; expectations are derived from that data.
 * The clock moves in whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractSupportDeskContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final List<Customer> DEMO = DemoSupportData.customers();

  private MutableClock clock;
  private SupportDesk desk;

  /** A new desk holding exactly {@link DemoSupportData}, stamping tickets and messages with {@code clock}. */
  protected abstract SupportDesk newDesk(Clock clock);

  /**
   * The same desk after a restart. Persistent desks override this to close {@code desk} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected SupportDesk reopen(SupportDesk desk) {
    return desk;
  }

  @BeforeEach
  void createDesk() {
    clock = new MutableClock(T0);
    desk = newDesk(clock);
  }

  private static Customer demo(String id) {
    return DEMO.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<Customer> byId(List<Customer> customers) {
    return customers.stream().sorted(Comparator.comparing(Customer::id)).toList();
  }

  private Ticket open(String customerId, String subject) {
    return desk.createTicket(new NewTicket(customerId, subject, "Details of " + subject, TicketPriority.HIGH), null);
  }

  @Test
  void holdsExactlyTheDemoData() {
    assertThat(desk.searchCustomers("cus_", 1000)).containsExactlyElementsOf(byId(DEMO));
    assertThat(desk.listIncidents()).containsExactlyInAnyOrderElementsOf(DemoSupportData.incidents());
    for (Incident incident : DemoSupportData.incidents()) {
      List<Customer> affected = DemoSupportData.affectedCustomerIds(incident.id()).stream()
          .map(AbstractSupportDeskContractTest::demo)
          .toList();
      assertThat(desk.incidentImpact(incident.id())).contains(new IncidentImpact(incident, byId(affected)));
    }
    assertThat(desk.listTickets(null, 100)).isEmpty();
    assertThat(desk.listMessages(null, 100)).isEmpty();
  }

  @Test
  void searchesCompanyCaseInsensitively() {
    List<Customer> acme = desk.searchCustomers("acme", 10);

    assertThat(acme).isNotEmpty().allSatisfy(c -> assertThat(
        (c.id() + c.name() + c.email() + c.company()).toLowerCase(Locale.ROOT)).contains("acme"));
    assertThat(acme).anySatisfy(c -> assertThat(c.company()).contains("Acme"));
    assertThat(desk.searchCustomers("ACME", 10)).isEqualTo(acme);
    assertThat(desk.searchCustomers("aCmE", 10)).isEqualTo(acme);
  }

  @Test
  void searchesEveryFieldCaseInsensitively() {
    Customer target = DEMO.get(2);
    String namePart = target.name().substring(1, 5);
    String emailLocalPart = target.email().substring(0, target.email().indexOf('@'));

    assertThat(desk.searchCustomers(target.id().toUpperCase(Locale.ROOT), 10)).contains(target);
    assertThat(desk.searchCustomers(namePart.toUpperCase(Locale.ROOT), 10)).contains(target);
    assertThat(desk.searchCustomers(emailLocalPart.toUpperCase(Locale.ROOT), 10)).contains(target);
    assertThat(desk.searchCustomers(target.email(), 10)).containsExactly(target);
    assertThat(desk.searchCustomers(target.company().toLowerCase(Locale.ROOT), 10)).contains(target);
  }

  @Test
  void searchOrdersByIdAndStopsAtLimit() {
    List<Customer> all = byId(DEMO);

    assertThat(desk.searchCustomers("cus_", 3)).containsExactlyElementsOf(all.subList(0, 3));
    assertThat(desk.searchCustomers("cus_", 1)).containsExactly(all.get(0));
    // ".example" appears in every demo e-mail, so this also orders matches found by another field.
    assertThat(desk.searchCustomers(".example", 100)).containsExactlyElementsOf(all);
  }

  @Test
  void treatsQueryAsLiteralText() {
    assertThat(desk.searchCustomers("%", 10)).isEmpty();
    assertThat(desk.searchCustomers("cus%1", 10)).isEmpty();
    assertThat(desk.searchCustomers("cus_0_1", 10)).isEmpty();
    assertThat(desk.searchCustomers("*", 10)).isEmpty();
  }

  @Test
  void searchWithoutMatchIsEmpty() {
    assertThat(desk.searchCustomers("no customer is called this", 10)).isEmpty();
  }

  @Test
  void findsCustomerById() {
    for (Customer customer : DEMO) {
      assertThat(desk.findCustomer(customer.id())).contains(customer);
    }
    assertThat(desk.findCustomer("cus_999")).isEmpty();
  }

  @Test
  void opensTicketStampedByTheClock() {
    clock.advance(Duration.ofMillis(1234));
    Customer customer = DEMO.get(0);

    Ticket ticket =
        desk.createTicket(new NewTicket(customer.id(), "Login fails", "SSO returns 500 since 09:00", TicketPriority.URGENT), null);

    assertThat(ticket.id()).isNotBlank();
    assertThat(ticket)
        .isEqualTo(
            new Ticket(ticket.id(), customer.id(), "Login fails", "SSO returns 500 since 09:00",
                TicketPriority.URGENT, "open", T0.plusMillis(1234)));
    assertThat(desk.listTickets(customer.id(), 10)).containsExactly(ticket);
  }

  @Test
  void assignsDistinctTicketIds() {
    Ticket first = open(DEMO.get(0).id(), "First");
    Ticket second = open(DEMO.get(0).id(), "Second");

    assertThat(first.id()).isNotEqualTo(second.id());
  }

  @Test
  void refusesTicketForUnknownCustomer() {
    assertThatThrownBy(() -> open("cus_999", "Lost")).isInstanceOf(NotFoundException.class);
    assertThat(desk.listTickets(null, 100)).isEmpty();
  }

  @Test
  void listsTicketsNewestFirstPerCustomerUpToLimit() {
    String a = DEMO.get(0).id();
    String b = DEMO.get(1).id();
    Ticket t1 = open(a, "One");
    clock.advance(Duration.ofSeconds(1));
    Ticket t2 = open(b, "Two");
    clock.advance(Duration.ofSeconds(1));
    Ticket t3 = open(a, "Three");

    assertThat(desk.listTickets(null, 10)).containsExactly(t3, t2, t1);
    assertThat(desk.listTickets(a, 10)).containsExactly(t3, t1);
    assertThat(desk.listTickets(b, 10)).containsExactly(t2);
    assertThat(desk.listTickets(null, 2)).containsExactly(t3, t2);
    assertThat(desk.listTickets(DEMO.get(2).id(), 10)).isEmpty();
  }

  @Test
  void updatesCustomerStatus() {
    Customer before = DEMO.get(1);

    Customer updated = desk.updateCustomerStatus(before.id(), CustomerStatus.SUSPENDED);

    assertThat(updated).isEqualTo(before.withStatus(CustomerStatus.SUSPENDED));
    assertThat(desk.findCustomer(before.id())).contains(updated);
    assertThat(desk.searchCustomers(before.id(), 10)).containsExactly(updated);
  }

  @Test
  void refusesStatusUpdateOfUnknownCustomer() {
    assertThatThrownBy(() -> desk.updateCustomerStatus("cus_999", CustomerStatus.CHURNED))
        .isInstanceOf(NotFoundException.class);
    assertThat(desk.findCustomer("cus_999")).isEmpty();
  }

  @Test
  void postsMessageStampedByTheClock() {
    clock.advance(Duration.ofMillis(42));

    Message message = desk.sendMessage("#support", "Ticket opened for Acme Corp", null);

    assertThat(message.id()).isNotBlank();
    assertThat(message).isEqualTo(new Message(message.id(), "#support", "Ticket opened for Acme Corp", T0.plusMillis(42)));
    assertThat(desk.listMessages("#support", 10)).containsExactly(message);
  }

  @Test
  void listsMessagesNewestFirstPerChannelUpToLimit() {
    Message m1 = desk.sendMessage("#support", "one", null);
    clock.advance(Duration.ofSeconds(1));
    Message m2 = desk.sendMessage("#incidents", "two", null);
    clock.advance(Duration.ofSeconds(1));
    Message m3 = desk.sendMessage("#support", "three", null);

    assertThat(m1.id()).isNotEqualTo(m2.id()).isNotEqualTo(m3.id());
    assertThat(desk.listMessages(null, 10)).containsExactly(m3, m2, m1);
    assertThat(desk.listMessages("#support", 10)).containsExactly(m3, m1);
    assertThat(desk.listMessages("#incidents", 10)).containsExactly(m2);
    assertThat(desk.listMessages(null, 1)).containsExactly(m3);
    assertThat(desk.listMessages("#nobody", 10)).isEmpty();
  }

  @Test
  void listsIncidentsNewestFirst() {
    List<Incident> expected =
        DemoSupportData.incidents().stream()
            .sorted(Comparator.comparing(Incident::startedAt).reversed())
            .toList();

    assertThat(desk.listIncidents()).containsExactlyElementsOf(expected);
  }

  @Test
  void reportsIncidentImpactOrderedByCustomerId() {
    Incident incident = DemoSupportData.incidents().get(0);

    IncidentImpact impact = desk.incidentImpact(incident.id()).orElseThrow();

    assertThat(impact.incident()).isEqualTo(incident);
    assertThat(impact.affectedCustomers())
        .isNotEmpty()
        .extracting(Customer::id)
        .containsExactlyElementsOf(DemoSupportData.affectedCustomerIds(incident.id()))
        .isSorted();
  }

  @Test
  void impactOfUnknownIncidentIsEmpty() {
    assertThat(desk.incidentImpact("inc_999")).isEmpty();
  }

  @Test
  void impactShowsCustomersAsTheyAreNow() {
    Incident incident = DemoSupportData.incidents().get(0);
    String affectedId = DemoSupportData.affectedCustomerIds(incident.id()).get(0);

    Customer updated = desk.updateCustomerStatus(affectedId, CustomerStatus.AT_RISK);

    assertThat(desk.incidentImpact(incident.id()).orElseThrow().affectedCustomers()).contains(updated);
  }

  @Test
  void changesSurviveRestartWithoutReseeding() {
    Customer updated = desk.updateCustomerStatus(DEMO.get(0).id(), CustomerStatus.CHURNED);
    Ticket ticket = open(DEMO.get(0).id(), "Before restart");
    Message message = desk.sendMessage("#support", "before restart", null);

    desk = reopen(desk);

    assertThat(desk.findCustomer(updated.id())).contains(updated);
    assertThat(desk.searchCustomers("cus_", 1000)).hasSameSizeAs(DEMO);
    assertThat(desk.listTickets(null, 10)).containsExactly(ticket);
    assertThat(desk.listMessages(null, 10)).containsExactly(message);
    clock.advance(Duration.ofSeconds(1));
    Ticket next = open(DEMO.get(0).id(), "After restart");
    assertThat(next.id()).isNotEqualTo(ticket.id());
    assertThat(desk.listTickets(null, 10)).containsExactly(next, ticket);
  }

  @Test
  void aSecondTicketWithTheSameEffectKeyReturnsTheFirstAndOpensNothing() {
    String customer = DEMO.get(0).id();
    Ticket first = desk.createTicket(new NewTicket(customer, "Once", "d", TicketPriority.HIGH), "effect-1");
    clock.advance(Duration.ofSeconds(1));

    Ticket again = desk.createTicket(new NewTicket(customer, "Once", "d", TicketPriority.HIGH), "effect-1");
    desk = reopen(desk);
    Ticket afterRestart =
        desk.createTicket(new NewTicket(DEMO.get(1).id(), "Other args", "d", TicketPriority.LOW), "effect-1");

    assertThat(again).isEqualTo(first);
    assertThat(afterRestart).isEqualTo(first);
    assertThat(desk.listTickets(null, 10)).containsExactly(first);
  }

  @Test
  void ticketsWithDifferentOrNoEffectKeysAreDistinct() {
    String customer = DEMO.get(0).id();
    NewTicket ticket = new NewTicket(customer, "Same", "d", TicketPriority.HIGH);

    Ticket a = desk.createTicket(ticket, "effect-a");
    Ticket b = desk.createTicket(ticket, "effect-b");
    Ticket c = desk.createTicket(ticket, null);
    Ticket d = desk.createTicket(ticket, null);

    assertThat(List.of(a.id(), b.id(), c.id(), d.id())).doesNotHaveDuplicates();
    assertThat(desk.listTickets(null, 10)).hasSize(4);
  }

  @Test
  void aFailedTicketLeavesItsEffectKeyUnused() {
    assertThatThrownBy(
            () -> desk.createTicket(new NewTicket("cus_999", "Nobody", "d", TicketPriority.HIGH), "effect-x"))
        .isInstanceOf(NotFoundException.class);

    Ticket created = desk.createTicket(new NewTicket(DEMO.get(0).id(), "Now", "d", TicketPriority.HIGH), "effect-x");

    assertThat(desk.listTickets(null, 10)).containsExactly(created);
  }

  @Test
  void aSecondMessageWithTheSameEffectKeyReturnsTheFirstAndPostsNothing() {
    Message first = desk.sendMessage("#support", "once", "effect-m");
    clock.advance(Duration.ofSeconds(1));

    Message again = desk.sendMessage("#support", "once", "effect-m");
    desk = reopen(desk);
    Message afterRestart = desk.sendMessage("#incidents", "other", "effect-m");
    Message other = desk.sendMessage("#support", "once", "effect-n");

    assertThat(again).isEqualTo(first);
    assertThat(afterRestart).isEqualTo(first);
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(desk.listMessages(null, 10)).containsExactly(other, first);
  }
}
