package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.support.Customer;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolArguments;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;
import java.util.List;

/** {@code search_customer}: finds customers by a substring of their id, name, e-mail or company. */
final class SearchCustomerTool implements ToolExecutor {
  static final String NAME = "search_customer";
  static final int DEFAULT_LIMIT = 10;

  private static final JsonNode INPUT = ToolSchemas.input(SupportToolset.class, NAME);
  private static final JsonNode OUTPUT = ToolSchemas.output(SupportToolset.class, NAME);

  private final SupportDesk desk;

  SearchCustomerTool(SupportDesk desk) {
    this.desk = desk;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Search customers",
        "Finds support-desk customers whose id, name, e-mail or company contains the query"
            + " (case-insensitive), ordered by customer id. Use it first to get the customer_id that"
            + " create_ticket and update_customer_status need. Read-only; results may be cached.",
        ToolCategory.READ,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        ToolAnnotations.read());
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ToolArguments args = invocation.args();
    List<Customer> found = desk.searchCustomers(args.text("query"), args.integer("limit", DEFAULT_LIMIT));
    ObjectNode result = Json.object();
    result.set("customers", SupportJson.customers(found));
    result.put("count", found.size());
    return ToolResult.of(result);
  }
}
