package dev.toolgate.app.http;

import dev.toolgate.adapter.mcp.McpServersConfig;
import dev.toolgate.adapter.mcp.McpUpstreams;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import java.util.List;

/**
 * The upstream MCP servers of {@code TOOLGATE_MCP_SERVERS}, or none. Connecting starts when the
 * gateway first asks for their tools, so a runtime that fails before that starts no subprocess;
 * closed with the runtime.
 */
final class UpstreamsHandle implements AutoCloseable {
  static final UpstreamsHandle NONE = new UpstreamsHandle(null);

  private final McpServersConfig config;
  private McpUpstreams upstreams;
  private boolean closed;

  UpstreamsHandle(McpServersConfig config) {
    this.config = config;
  }

  /** The running upstreams, started on first use. */
  synchronized McpUpstreams upstreams() {
    if (config == null) {
      throw new IllegalStateException("no upstream MCP servers are configured");
    }
    if (closed) {
      throw new IllegalStateException("the upstream MCP servers are closed");
    }
    if (upstreams == null) {
      upstreams = McpUpstreams.start(config);
    }
    return upstreams;
  }

  synchronized List<UpstreamStatus> status() {
    return upstreams == null ? List.of() : upstreams.status();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (upstreams != null) {
      upstreams.close();
    }
  }
}
