package dev.toolgate.core.call;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.CatalogChange;
import dev.toolgate.core.call.ToolCatalog;
import dev.toolgate.core.internal.PolicyEngine;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.ClientProfileStore;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Shows each principal the tools that policy lets them call, and no others, as the gateway serves them. */
public final class ToolCatalogService implements ToolCatalog {
  private final ToolRegistry registry;
  private final PolicyEngine policy;
  private final ClientProfileStore clients;
  private final GatewayConfig config;

  public ToolCatalogService(ToolRegistry registry, PolicyEngine policy, ClientProfileStore clients, GatewayConfig config) {
    this.registry = registry;
    this.policy = policy;
    this.clients = clients;
    this.config = config;
  }

  @Override
  public List<ToolDefinition> visibleTo(Principal principal) {
    ClientProfile client = clientOf(principal);
    return registry.all().stream()
        .map(Tool::definition)
        .filter(definition -> policy.check(principal, client, definition).isEmpty())
        .map(this::served)
        .toList();
  }

  @Override
  public Optional<ToolDefinition> find(Principal principal, String name) {
    return registry
        .find(name)
        .map(Tool::definition)
        .filter(definition -> policy.check(principal, clientOf(principal), definition).isEmpty())
        .map(this::served);
  }

  @Override
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    registry.all().forEach(tool -> names.add(tool.name()));
    return names;
  }

  @Override
  public AutoCloseable onChange(Consumer<CatalogChange> listener) {
    return registry.onChange(listener);
  }

  /** The definition with the approval the configuration adds, so every face shows the same fact. */
  private ToolDefinition served(ToolDefinition definition) {
    if (definition.annotations().requiresApproval() || !config.requiresApproval(definition)) {
      return definition;
    }
    return new ToolDefinition(
        definition.name(),
        definition.title(),
        definition.description(),
        definition.category(),
        definition.inputSchema(),
        definition.outputSchema(),
        definition.annotations().withRequiresApproval(true));
  }

  private ClientProfile clientOf(Principal principal) {
    return principal.clientKey() == null ? null : clients.find(principal.clientKey()).orElse(null);
  }
}
