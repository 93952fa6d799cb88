package dev.toolgate.core.support;

import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
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
    boolean inline = desk.inProcess();
    tools =
        List.of(
            tool(SearchCustomerTool.definition(), new SearchCustomerTool(desk), inline),
            tool(CreateTicketTool.definition(), new CreateTicketTool(desk), inline),
            tool(UpdateCustomerStatusTool.definition(), new UpdateCustomerStatusTool(desk), inline),
            tool(SendMessageTool.definition(), new SendMessageTool(desk), inline),
            tool(GetIncidentImpactTool.definition(), new GetIncidentImpactTool(desk), inline));
  }

  /** The tools do nothing but ask the desk, so they run inline exactly when the desk is in-process. */
  private static Tool tool(ToolDefinition definition, ToolExecutor executor, boolean inline) {
    return new Tool(definition, inline ? new InlineExecutor(executor) : executor);
  }

  private record InlineExecutor(ToolExecutor executor) implements ToolExecutor {
    @Override
    public ToolResult execute(ToolInvocation invocation) {
      return executor.execute(invocation);
    }

    @Override
    public boolean inline() {
      return true;
    }
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
