package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.support.NewTicket;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.support.TicketPriority;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolArguments;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;

/** {@code create_ticket}: opens a support ticket for an existing customer. */
final class CreateTicketTool implements ToolExecutor {
  static final String NAME = "create_ticket";
  static final String DEFAULT_DESCRIPTION = "";
  static final TicketPriority DEFAULT_PRIORITY = TicketPriority.NORMAL;

  private static final JsonNode INPUT = ToolSchemas.input(SupportToolset.class, NAME);
  private static final JsonNode OUTPUT = ToolSchemas.output(SupportToolset.class, NAME);

  private final SupportDesk desk;

  CreateTicketTool(SupportDesk desk) {
    this.desk = desk;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Create support ticket",
        "Opens a new support ticket for an existing customer and returns it with its id and status"
            + " 'open'. Every call opens another ticket: send an idempotency key so that a retry"
            + " returns the first ticket instead of a duplicate. Fails with not-found when"
            + " customer_id does not exist; look the customer up with search_customer first.",
        ToolCategory.WRITE,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        // The desk keys the ticket by the effect key: a re-run after a crash returns the first ticket.
        ToolAnnotations.write().withRecovery(Recovery.RERUN));
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ToolArguments args = invocation.args();
    NewTicket ticket;
    try {
      ticket =
          new NewTicket(
              args.text("customer_id"),
              args.text("subject"),
              args.text("description", DEFAULT_DESCRIPTION),
              args.choice("priority", DEFAULT_PRIORITY, TicketPriority::parse));
    } catch (IllegalArgumentException e) {
      // The record refuses a blank subject; report it as the caller's mistake, not a crash.
      throw new InvalidRequestException(e.getMessage());
    }
    ObjectNode result = Json.object();
    result.set("ticket", SupportJson.ticket(desk.createTicket(ticket, invocation.idempotencyKey())));
    return ToolResult.of(result);
  }
}
