package dev.toolgate.core.auth;

import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import java.util.Objects;
import java.util.Set;

/** What to issue: label, roles, optional client scope, tool lists and rate limit. */
public record NewKey(
    String name,
    Set<Role> roles,
    String clientKey,
    Set<String> allowTools,
    Set<String> denyTools,
    RateLimitSpec rateLimit) {
  public NewKey {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("key name must not be blank");
    }
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("key '" + name + "' needs at least one role");
    }
    allowTools = Set.copyOf(allowTools);
    denyTools = Set.copyOf(denyTools);
  }

  public static NewKey of(String name, Set<Role> roles) {
    return new NewKey(name, roles, null, Set.of(), Set.of(), null);
  }
}
