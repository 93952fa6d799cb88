package dev.toolgate.ports.mcp;

import java.util.Objects;

/**
 * A change an upstream announced.
 *
 * @param kind what changed
 * @param uri the updated resource for {@link Kind#RESOURCE_UPDATED}, else null
 */
public record PassthroughChange(Kind kind, String uri) {
  /** The MCP notifications an upstream sends about its prompts and resources. */
  public enum Kind {
    /** {@code notifications/prompts/list_changed} (also: an upstream connected or reconnected). */
    PROMPTS_LIST_CHANGED,
    /** {@code notifications/resources/list_changed} (also: an upstream connected or reconnected). */
    RESOURCES_LIST_CHANGED,
    /** {@code notifications/resources/updated} for a subscribed {@link #uri}. */
    RESOURCE_UPDATED
  }

  public PassthroughChange {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.RESOURCE_UPDATED && uri == null) {
      throw new IllegalArgumentException("an updated resource needs its uri");
    }
  }
}
