package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;

/** {@code flow_performance}: every automated flow that sent in a range of days, with totals. */
final class FlowPerformanceTool implements ToolExecutor {
  static final String NAME = "flow_performance";

  private static final JsonNode INPUT = MarketingSchemas.load("report.input.json");
  private static final JsonNode OUTPUT = MarketingSchemas.load("flow_performance.output.json");

  private final MarketingSources sources;

  FlowPerformanceTool(MarketingSources sources) {
    this.sources = sources;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Flow performance",
        "Performance of every automated flow (welcome series, abandoned cart, …) that sent messages"
            + " between two dates (inclusive, in the client's time zone): all of a flow's messages and"
            + " channels summed, plus totals, the account's currency and where the numbers came from"
            + " (sample_data is true for the built-in sample account). Read-only; results are cached.",
        ToolCategory.READ,
        INPUT.deepCopy(),
        OUTPUT.deepCopy(),
        ToolAnnotations.read().withOpenWorld(true));
  }

  @Override
  public JsonNode execute(ToolInvocation invocation) {
    ReportRequest request = ReportRequest.of(invocation);
    try {
      MarketingSources.Source source = sources.forClient(request.clientKey());
      return MarketingJson.flowReport(source.analytics().flowPerformance(source.account(), request.range(source.zone())));
    } catch (MarketingCredentialsException e) {
      throw CampaignPerformanceTool.credentialsRefused(e);
    }
  }
}
