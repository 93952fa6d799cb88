package dev.toolgate.core;

import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;

/** Shows each principal the tools that policy lets them call, and no others. */
final class ToolCatalogService implements ToolCatalog {
  private final ToolRegistry registry;
  private final PolicyEngine policy;
  private final ClientProfileStore clients;

  ToolCatalogService(ToolRegistry registry, PolicyEngine policy, ClientProfileStore clients) {
    this.registry = registry;
    this.policy = policy;
    this.clients = clients;
  }

  @Override
  public List<ToolDefinition> visibleTo(Principal principal) {
    ClientProfile client = clientOf(principal);
    return registry.all().stream()
        .map(Tool::definition)
        .filter(definition -> policy.check(principal, client, definition).isEmpty())
        .toList();
  }

  @Override
  public Optional<ToolDefinition> find(Principal principal, String name) {
    return registry
        .find(name)
        .map(Tool::definition)
        .filter(definition -> policy.check(principal, clientOf(principal), definition).isEmpty());
  }

  private ClientProfile clientOf(Principal principal) {
    return principal.clientKey() == null ? null : clients.find(principal.clientKey()).orElse(null);
  }
}
