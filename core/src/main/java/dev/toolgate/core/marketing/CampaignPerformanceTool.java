package dev.toolgate.core.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.marketing.MarketingCredentialsException;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;

/** {@code campaign_performance}: every campaign a client sent in a range of days, with totals. */
final class CampaignPerformanceTool implements ToolExecutor {
  static final String NAME = "campaign_performance";

  private static final JsonNode INPUT = MarketingSchemas.load("report.input.json");
  private static final JsonNode OUTPUT = MarketingSchemas.load("campaign_performance.output.json");

  private final MarketingSources sources;

  CampaignPerformanceTool(MarketingSources sources) {
    this.sources = sources;
  }

  static ToolDefinition definition() {
    return new ToolDefinition(
        NAME,
        "Campaign performance",
        "Performance of every e-mail/SMS campaign a client sent between two dates (inclusive, in the"
            + " client's time zone): recipients, deliveries, opens, open rate, clicks, click rate,"
            + " conversions and revenue per campaign, plus totals, the account's currency and where the"
            + " numbers came from (sample_data is true for the built-in sample account). Read-only;"
            + " results are cached.",
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
      return MarketingJson.campaignReport(
          source.analytics().campaignPerformance(source.account(), request.range(source.zone())));
    } catch (MarketingCredentialsException e) {
      throw credentialsRefused(e);
    }
  }

  /** A refused key is the upstream refusing the request; the message names the client and the fix. */
  static InvalidRequestException credentialsRefused(MarketingCredentialsException e) {
    return new InvalidRequestException(
        e.getMessage() + " (store a working key with `toolgate clients add " + e.clientKey()
            + " --klaviyo-key-file FILE`)");
  }
}
