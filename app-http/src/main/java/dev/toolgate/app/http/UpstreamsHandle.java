package dev.toolgate.app.http;

import dev.toolgate.adapter.mcp.McpServersConfig;
import dev.toolgate.adapter.mcp.McpUpstreams;
import dev.toolgate.adapter.mcp.UpstreamStatus;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.state.AuditLog;
import java.util.List;

/**
 * The upstream MCP servers of {@code TOOLGATE_MCP_SERVERS}, or none. Connecting starts when the
 * gateway first asks for their tools, so a runtime that fails before that starts no subprocess;
 * closed with the runtime.
 */
final class UpstreamsHandle implements AutoCloseable {
  static final UpstreamsHandle NONE = new UpstreamsHandle(null, null);

  private final McpServersConfig config;
  private final AuditLog audit;
  private McpUpstreams upstreams;
  private boolean closed;

  UpstreamsHandle(McpServersConfig config, AuditLog audit) {
    this.config = config;
    this.audit = audit;
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
      upstreams = McpUpstreams.start(config, audit);
    }
    return upstreams;
  }

  /** The upstreams' prompts and resources for the MCP face, or none when no servers are configured. */
  McpPassthrough passthrough() {
    return config == null ? McpPassthrough.NONE : upstreams().passthrough();
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
