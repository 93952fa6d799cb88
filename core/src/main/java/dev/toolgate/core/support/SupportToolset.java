package dev.toolgate.core.support;

import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.List;
import java.util.Objects;

/**
 * The support toolset of seed 001 over a {@link SupportDesk}: {@code search_customer},
 * {@code create_ticket}, {@code update_customer_status} (requires approval), {@code send_message}
 * and {@code get_incident_impact}. Each tool has a draft 2020-12 input schema and an output schema
 * that describes exactly the JSON its executor returns.
 */
public final class SupportToolset implements ToolProvider {
  private final List<Tool> tools;

  public SupportToolset(SupportDesk desk) {
    Objects.requireNonNull(desk, "desk");
    tools =
        List.of(
            new Tool(SearchCustomerTool.definition(), new SearchCustomerTool(desk)),
            new Tool(CreateTicketTool.definition(), new CreateTicketTool(desk)),
            new Tool(UpdateCustomerStatusTool.definition(), new UpdateCustomerStatusTool(desk)),
            new Tool(SendMessageTool.definition(), new SendMessageTool(desk)),
            new Tool(GetIncidentImpactTool.definition(), new GetIncidentImpactTool(desk)));
  }

  @Override
  public String name() {
    return "support";
  }

  @Override
  public List<Tool> tools() {
    return tools;
  }
}
