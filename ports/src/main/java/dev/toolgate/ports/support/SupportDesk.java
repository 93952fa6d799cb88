package dev.toolgate.ports.support;

import java.util.List;
import java.util.Optional;

/**
 * A CRM-like support desk. Thread-safe; its data survives restarts. Ids are assigned by the desk,
 * unique, and times come from the desk's clock. Arguments are never null
 * unless a parameter says so.
 */
public interface SupportDesk {
  /**
   * Whether this desk answers from this process (an embedded file, memory) in bounded time, with no
   * network: its tools then run inline (see {@link dev.toolgate.ports.tool.ToolExecutor#inline}).
   * False by default.
   */
  default boolean inProcess() {
    return false;
  }

  /**
   * Customers whose id, name, e-mail or company contains {@code query} (case-insensitive), ordered
   * by id, at most {@code limit} (≥ 1).
   */
  List<Customer> searchCustomers(String query, int limit);

  /** The customer with this id, or empty. */
  Optional<Customer> findCustomer(String id);

  /**
   * Opens a ticket. Throws {@link dev.toolgate.ports.NotFoundException} if the customer does not exist.
   *
   * @param effectKey null, or the call's effect key ({@link
   *     dev.toolgate.ports.state.IdempotencyScope#effectKey()}): then opening is idempotent at the
   *     store — a later call with the same key returns the ticket the first one opened, whatever its
   *     arguments, and opens nothing. This is what makes a retry after a crash find the first ticket.
   */
  Ticket createTicket(NewTicket ticket, String effectKey);

  /** Tickets, newest first, for one customer (all if null), at most {@code limit}. */
  List<Ticket> listTickets(String customerId, int limit);

  /**
   * Sets a customer's status and returns the updated customer. Throws
   * {@link dev.toolgate.ports.NotFoundException} if the customer does not exist.
   */
  Customer updateCustomerStatus(String customerId, CustomerStatus status);

  /**
   * Posts a message to a support channel's outbox.
   *
   * @param effectKey null, or the call's effect key: a later call with the same key returns the
   *     message the first one posted and posts nothing (as {@link #createTicket})
   */
  Message sendMessage(String channel, String text, String effectKey);

  /** Messages, newest first, of one channel (all if null), at most {@code limit}. */
  List<Message> listMessages(String channel, int limit);

  /** Every incident, newest first. */
  List<Incident> listIncidents();

  /** The incident and its affected customers, or empty if there is no such incident. */
  Optional<IncidentImpact> incidentImpact(String incidentId);
}
