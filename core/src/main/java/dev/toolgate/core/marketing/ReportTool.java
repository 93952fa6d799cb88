package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.marketing.DateRange;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolSchemas;

/**
 * A read-only report over a client's marketing account for a range of days: {@code
 * campaign_performance} and {@code flow_performance} differ only in the report they fetch and how
 * it is rendered.
 */
final class ReportTool implements ToolExecutor {
  /** Fetches one report from a client's account and renders it as the tool's output. */
  @FunctionalInterface
  interface Report {
    JsonNode fetch(MarketingSources.Source source, DateRange range);
  }

  private static final JsonNode INPUT = ToolSchemas.load(MarketingToolset.class, "report.input.json");

  private final MarketingSources sources;
  private final Report report;

  private ReportTool(MarketingSources sources, Report report) {
    this.sources = sources;
    this.report = report;
  }

  /** {@code campaign_performance}: every campaign a client sent in a range of days, with totals. */
  static Tool campaigns(MarketingSources sources) {
    return tool(
        "campaign_performance",
        "Campaign performance",
        "Performance of every e-mail/SMS campaign a client sent between two dates (inclusive, in the"
            + " client's time zone): recipients, deliveries, opens, open rate, clicks, click rate,"
            + " conversions and revenue per campaign, plus totals, the account's currency and where the"
            + " numbers came from (sample_data is true for the built-in sample account). Read-only;"
            + " results are cached.",
        new ReportTool(
            sources,
            (source, range) ->
                MarketingJson.campaignReport(source.analytics().campaignPerformance(source.account(), range))));
  }

  /** {@code flow_performance}: every automated flow that sent in a range of days, with totals. */
  static Tool flows(MarketingSources sources) {
    return tool(
        "flow_performance",
        "Flow performance",
        "Performance of every automated flow (welcome series, abandoned cart, …) that sent messages"
            + " between two dates (inclusive, in the client's time zone): all of a flow's messages and"
            + " channels summed, plus totals, the account's currency and where the numbers came from"
            + " (sample_data is true for the built-in sample account). Read-only; results are cached.",
        new ReportTool(
            sources,
            (source, range) ->
                MarketingJson.flowReport(source.analytics().flowPerformance(source.account(), range))));
  }

  private static Tool tool(String name, String title, String description, ReportTool executor) {
    return new Tool(
        new ToolDefinition(
            name,
            title,
            description,
            ToolCategory.READ,
            INPUT.deepCopy(),
            ToolSchemas.load(MarketingToolset.class, name + ".output.json"),
            ToolAnnotations.read().withOpenWorld(true)),
        executor);
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ReportRequest request = ReportRequest.of(invocation);
    try {
      MarketingSources.Source source = sources.forClient(request.clientKey());
      return ToolResult.of(report.fetch(source, request.range(source.zone())));
    } catch (MarketingCredentialsException e) {
      // A refused key is the upstream refusing the request; the message names the client and the fix.
      throw new InvalidRequestException(
          e.getMessage() + " (store a working key with `toolgate clients add " + e.clientKey()
              + " --klaviyo-key-file FILE`)");
    }
  }
}
