package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import dev.toolgate.ports.Json;

/** The JSON of an upstream MCP server's status, shared by {@code /readyz} and {@code toolgate upstreams}. */
public final class UpstreamViews {
  private UpstreamViews() {}

  public static ObjectNode status(UpstreamStatus status) {
    ObjectNode node = Json.object()
        .put("name", status.name())
        .put("transport", status.transport())
        .put("endpoint", status.endpoint())
        .put("state", status.state().wireName())
        .put("tools", status.toolCount())
        .put("reconnects", status.reconnects());
    if (status.lastError() != null) {
      node.put("last_error", status.lastError());
    }
    if (!status.problems().isEmpty()) {
      status.problems().forEach(node.putArray("problems")::add);
    }
    return node;
  }
}
