package dev.toolgate.adapter.mcp;

import java.util.Optional;

/**
 * Resolves {@code secret:NAME} references in a servers file. The app decides where secrets live; the
 * values are handed to the upstream connection only and never logged or shown.
 */
@FunctionalInterface
public interface SecretResolver {
  /** A resolver that knows no secrets: every {@code secret:} reference is reported as a problem. */
  SecretResolver NONE = name -> Optional.empty();

  /** The secret's value, or empty when there is no such secret. */
  Optional<String> resolve(String name);
}
