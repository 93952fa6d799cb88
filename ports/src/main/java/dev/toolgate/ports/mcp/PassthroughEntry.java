package dev.toolgate.ports.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One prompt, resource or resource template of an upstream MCP server.
 *
 * @param server the upstream's configured name
 * @param key the prompt's namespaced name, or the resource's URI, or the template's URI template
 * @param item the MCP object as the gateway shows it
 */
public record PassthroughEntry(String server, String key, ObjectNode item) {
  public PassthroughEntry {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(item, "item");
  }

  /** The item as JSON (a copy: entries are shared between callers). */
  public JsonNode json() {
    return item.deepCopy();
  }
}
