package dev.toolgate.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.support.IncidentImpact;
import dev.toolgate.ports.support.SupportDesk;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;

/** {@code get_incident_impact}: an incident and the customers it affects. */
final class GetIncidentImpactTool implements ToolExecutor {
  static final String NAME = "get_incident_impact";

  private static final JsonNode INPUT = ToolSchemas.input(SupportToolset.class, NAME);
  private static final JsonNode OUTPUT = ToolSchemas.output(SupportToolset.class, NAME);

  private final SupportDesk desk;

  GetIncidentImpactTool(SupportDesk desk) {
    this.desk = desk;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Get incident impact",
        "Looks up an incident (an outage or degradation) by id and returns it with every customer"
            + " it affects, ordered by customer id, and their count. Use it to see who to notify"
            + " about an incident. Read-only; results may be cached. Fails with not-found for an"
            + " unknown incident id.",
        ToolCategory.READ,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        ToolAnnotations.read());
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    String incidentId = invocation.args().text("incident_id");
    IncidentImpact impact =
        desk.incidentImpact(incidentId)
            .orElseThrow(() -> new NotFoundException("no incident '" + incidentId + "'"));
    ObjectNode result = Json.object();
    result.set("incident", SupportJson.incident(impact.incident()));
    result.set("affected_customers", SupportJson.customers(impact.affectedCustomers()));
    result.put("affected_count", impact.affectedCustomers().size());
    return ToolResult.of(result);
  }
}
