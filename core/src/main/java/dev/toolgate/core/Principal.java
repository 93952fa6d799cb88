package dev.toolgate.core;

import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as resolved at the edge from a presented key. Carries no secret.
 *
 * @param keyId the key id (safe to log and audit)
 * @param name the key's human label
 * @param roles the key's roles
 * @param clientKey the client the key is scoped to, or null for all clients
 * @param allowTools if not empty, only these tools
 * @param denyTools never these tools
 * @param rateLimit the key's own limit, or null for the configured default
 */
public record Principal(
    String keyId,
    String name,
    Set<Role> roles,
    String clientKey,
    Set<String> allowTools,
    Set<String> denyTools,
    RateLimitSpec rateLimit) {

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
    allowTools = Set.copyOf(allowTools);
    denyTools = Set.copyOf(denyTools);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** Admins hold every right; otherwise the principal needs one of {@code anyOf}. */
  public boolean hasAnyRole(Set<Role> anyOf) {
    return roles.contains(Role.ADMIN) || anyOf.stream().anyMatch(roles::contains);
  }
}
