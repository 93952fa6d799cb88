package dev.toolgate.ports.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stored API key. The secret itself is never stored: only its SHA-256 hash.
 *
 * @param id public identifier, also the prefix of the presented key; safe to log
 * @param name human label
 * @param secretHash lower-case hex SHA-256 of the secret; compare in constant time
 * @param roles at least one role
 * @param clientKey the client (tenant) this key is scoped to, or null for all clients
 * @param allowTools if not empty, only these tools may be called with this key
 * @param denyTools these tools may never be called with this key (deny wins)
 * @param rateLimit this key's own limit, or null for the configured default
 * @param createdAt creation time
 * @param revokedAt revocation time, or null while the key is active
 */
public record ApiKey(
    String id,
    String name,
    String secretHash,
    Set<Role> roles,
    String clientKey,
    Set<String> allowTools,
    Set<String> denyTools,
    RateLimitSpec rateLimit,
    Instant createdAt,
    Instant revokedAt) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public ApiKey {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    if (!HASH.matcher(secretHash).matches()) {
      throw new IllegalArgumentException("secretHash of key '" + id + "' is not a hex SHA-256");
    }
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("key '" + id + "' needs at least one role");
    }
    allowTools = Set.copyOf(allowTools);
    denyTools = Set.copyOf(denyTools);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean active() {
    return revokedAt == null;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  public ApiKey revoked(Instant at) {
    return new ApiKey(
        id, name, secretHash, roles, clientKey, allowTools, denyTools, rateLimit, createdAt, at);
  }
}
