package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.CustomerStatus;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolArguments;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;

/**
 * {@code update_customer_status}: changes a customer's account status. It needs a human approval,
 * so by the time it runs an approver has seen the arguments, including the optional reason; the
 * reason lives in the approval and audit records, the desk has no place for it.
 */
final class UpdateCustomerStatusTool implements ToolExecutor {
  static final String NAME = "update_customer_status";

  private static final JsonNode INPUT = ToolSchemas.input(SupportToolset.class, NAME);
  private static final JsonNode OUTPUT = ToolSchemas.output(SupportToolset.class, NAME);

  private final SupportDesk desk;

  UpdateCustomerStatusTool(SupportDesk desk) {
    this.desk = desk;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Change customer status",
        "Sets a customer's account status (active, at_risk, suspended or churned) and returns the"
            + " updated customer with the status it had before. Requires human approval: the call"
            + " does not run on its own but returns an approval id, and runs once an approver"
            + " accepts it. Give a reason so the approver can decide. Fails with not-found when"
            + " customer_id does not exist.",
        ToolCategory.WRITE,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        // It sets a value: running it again changes nothing more.
        ToolAnnotations.write().withRequiresApproval(true).withRecovery(Recovery.RERUN));
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ToolArguments args = invocation.args();
    String customerId = args.text("customer_id");
    CustomerStatus status = args.choice("status", CustomerStatus::parse);
    Customer before =
        desk.findCustomer(customerId)
            .orElseThrow(() -> new NotFoundException("no customer '" + customerId + "'"));
    Customer after = desk.updateCustomerStatus(customerId, status);
    ObjectNode result = Json.object();
    result.set("customer", SupportJson.customer(after));
    result.put("previous_status", before.status().wireName());
    return ToolResult.of(result);
  }
}
