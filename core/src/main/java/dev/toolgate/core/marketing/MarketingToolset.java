package dev.toolgate.core.marketing;

import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolProvider;
import java.util.List;
import java.util.Objects;

/**
 * The marketing toolset of seed 000 over {@link dev.toolgate.ports.marketing.MarketingAnalytics}:
 * {@code campaign_performance} and {@code flow_performance}, both read-only and cacheable, so the
 * pipeline caches each result per client, tool and range. Which account each client reads comes from
 * {@link MarketingSources}.
 */
public final class MarketingToolset implements ToolProvider {
  private final List<Tool> tools;

  public MarketingToolset(MarketingSources sources) {
    Objects.requireNonNull(sources, "sources");
    tools = List.of(ReportTool.campaigns(sources), ReportTool.flows(sources));
  }

  @Override
  public String name() {
    return "marketing";
  }

  @Override
  public List<Tool> tools() {
    return tools;
  }
}
