package dev.toolgate.core.internal;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a principal may call a tool. Deny lists are checked before allow lists, so a tool
 * named in both is denied; admins pass the role rule but not the lists, which protect against
 * calling a tool at all.
 */
public final class PolicyEngine {
  private final GatewayConfig config;

  public PolicyEngine(GatewayConfig config) {
    this.config = config;
  }

  /** The denial, naming the rule, or empty when the call is allowed. {@code client} may be null. */
  public Optional<ToolOutcome.Denied> check(Principal principal, ClientProfile client, ToolDefinition tool) {
    String name = tool.name();
    if (!config.allowedTools().isEmpty() && !config.allowedTools().contains(name)) {
      return deny(name, "global_allowlist", "tool '" + name + "' is not in the gateway's allowlist");
    }
    if (principal.denyTools().contains(name)) {
      return deny(name, "key_deny", "tool '" + name + "' is denied for this API key");
    }
    if (client != null && client.denyTools().contains(name)) {
      return deny(name, "client_deny",
          "tool '" + name + "' is denied for client '" + client.clientKey() + "'");
    }
    if (!principal.allowTools().isEmpty() && !principal.allowTools().contains(name)) {
      return deny(name, "key_allow", "tool '" + name + "' is not in this API key's allowlist");
    }
    if (client != null && !client.allowTools().isEmpty() && !client.allowTools().contains(name)) {
      return deny(name, "client_allow",
          "tool '" + name + "' is not in the allowlist of client '" + client.clientKey() + "'");
    }
    Set<Role> roles = config.categoryRoles().getOrDefault(tool.category(), Set.of());
    if (!principal.hasAnyRole(roles)) {
      String category = tool.category().wireName();
      String allowed =
          roles.stream().filter(r -> r != Role.ADMIN).map(Role::wireName).sorted().toList().toString();
      return deny(name, "role:" + category,
          "calling " + category + " tools needs one of the roles " + allowed + " (or admin)");
    }
    return Optional.empty();
  }

  private static Optional<ToolOutcome.Denied> deny(String tool, String rule, String message) {
    return Optional.of(new ToolOutcome.Denied(tool, rule, message));
  }
}
