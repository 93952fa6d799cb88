package dev.toolgate.adapter.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;

/**
 * An upstream's prompts, resources and resource templates as last listed; empty for what the server
 * does not declare in its capabilities.
 */
record UpstreamListing(
    List<McpSchema.Prompt> prompts, List<McpSchema.Resource> resources, List<McpSchema.ResourceTemplate> templates) {
  static final UpstreamListing EMPTY = new UpstreamListing(List.of(), List.of(), List.of());

  UpstreamListing {
    prompts = List.copyOf(prompts);
    resources = List.copyOf(resources);
    templates = List.copyOf(templates);
  }

  /** Lists every page of what {@code client}'s server declares; throws if the server fails to answer. */
  static UpstreamListing of(McpAsyncClient client, Duration timeout) {
    McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
    if (capabilities == null) {
      return EMPTY;
    }
    // The SDK's no-cursor list methods follow nextCursor to the last page.
    List<McpSchema.Prompt> prompts = capabilities.prompts() == null
        ? List.of()
        : client.listPrompts().block(timeout).prompts();
    List<McpSchema.Resource> resources = List.of();
    List<McpSchema.ResourceTemplate> templates = List.of();
    if (capabilities.resources() != null) {
      resources = client.listResources().block(timeout).resources();
      templates = client.listResourceTemplates().block(timeout).resourceTemplates();
    }
    return new UpstreamListing(prompts, resources, templates);
  }

  UpstreamListing withPrompts(List<McpSchema.Prompt> next) {
    return new UpstreamListing(next, resources, templates);
  }
}
