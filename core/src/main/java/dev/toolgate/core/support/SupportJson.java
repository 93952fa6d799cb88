package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.Incident;
import dev.toolgate.ports.support.Message;
import dev.toolgate.ports.support.Ticket;
import java.util.List;

/**
 * The wire form of support-desk records: snake_case keys, instants as ISO-8601 UTC strings, enums
 * by wire name. These shapes are the {@code $defs} of the output schemas; keep the two in step.
 */
final class SupportJson {
  private SupportJson() {}

  static ObjectNode customer(Customer customer) {
    ObjectNode node = Json.object();
    node.put("id", customer.id());
    node.put("name", customer.name());
    node.put("email", customer.email());
    node.put("company", customer.company());
    node.put("plan", customer.plan());
    node.put("status", customer.status().wireName());
    return node;
  }

  static ArrayNode customers(List<Customer> customers) {
    ArrayNode array = Json.mapper().createArrayNode();
    customers.forEach(customer -> array.add(customer(customer)));
    return array;
  }

  static ObjectNode ticket(Ticket ticket) {
    ObjectNode node = Json.object();
    node.put("id", ticket.id());
    node.put("customer_id", ticket.customerId());
    node.put("subject", ticket.subject());
    node.put("description", ticket.description());
    node.put("priority", ticket.priority().wireName());
    node.put("status", ticket.status());
    node.put("created_at", ticket.createdAt().toString());
    return node;
  }

  static ObjectNode message(Message message) {
    ObjectNode node = Json.object();
    node.put("id", message.id());
    node.put("channel", message.channel());
    node.put("text", message.text());
    node.put("sent_at", message.sentAt().toString());
    return node;
  }

  static ObjectNode incident(Incident incident) {
    ObjectNode node = Json.object();
    node.put("id", incident.id());
    node.put("title", incident.title());
    node.put("severity", incident.severity());
    node.put("status", incident.status());
    node.put("started_at", incident.startedAt().toString());
    return node;
  }
}
