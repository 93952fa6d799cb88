package dev.toolgate.adapter.mcp;

import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.tool.ToolProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream MCP servers of a {@link McpServersConfig}, connected with the official MCP Java SDK
 * client (stdio subprocesses, Streamable HTTP, legacy SSE). Connecting happens in the background: a
 * server that cannot start is reported in {@link #status()} and retried with exponential backoff, and
 * never holds up the others or the gateway.
 *
 * <p>{@link #provider()} is the one {@link ToolProvider} (named {@code mcp}) that offers every
 * upstream's tools, named {@code prefix.tool}. A call goes to the upstream as {@code tools/call} with
 * the original name; its result comes back unchanged (every content type, structured content,
 * {@code isError}, {@code _meta}). Upstream progress and log notifications reach the call's
 * {@code ToolContext}; a cancelled call is cancelled upstream; elicitation and sampling requests are
 * forwarded to the calling client when it supports them. Failures: {@code UnavailableException} when
 * the upstream is down, times out ({@code timeout_seconds}) or answers with a protocol error;
 * {@code InvalidRequestException} when it refuses the arguments. Close it on shutdown: it stops the
 * subprocesses and sessions.
 */
public final class McpUpstreams implements AutoCloseable {
  private final List<UpstreamConnection> connections = new ArrayList<>();
  private final UpstreamToolProvider provider;
  private final UpstreamPassthrough passthrough;
  private final ScheduledExecutorService scheduler;

  private McpUpstreams(McpServersConfig config, AuditLog audit) {
    AtomicInteger threads = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "mcp-upstreams-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.provider = new UpstreamToolProvider(connections);
    this.passthrough = new UpstreamPassthrough(connections, provider, audit, Clock.systemUTC());
    UpstreamConnection.UpstreamEvents events = new UpstreamConnection.UpstreamEvents() {
      @Override
      public void listed() {
        passthrough.refresh();
      }

      @Override
      public void resourceUpdated(String uri) {
        passthrough.resourceUpdated(uri);
      }
    };
    for (McpServerConfig server : config.enabled()) {
      connections.add(new UpstreamConnection(server, scheduler, provider::refresh, events));
    }
  }

  /**
   * Starts connecting to every enabled server in the background and returns at once.
   *
   * @param audit where prompt gets and resource reads through {@link #passthrough()} are recorded
   */
  public static McpUpstreams start(McpServersConfig config, AuditLog audit) {
    Objects.requireNonNull(audit, "audit");
    McpUpstreams upstreams = new McpUpstreams(config, audit);
    upstreams.connections.forEach(UpstreamConnection::start);
    return upstreams;
  }

  /** The tools of every upstream, as one provider named {@code mcp}. */
  public ToolProvider provider() {
    return provider;
  }

  /**
   * The upstreams' prompts, resources, templates, completion and subscriptions: prompt names
   * namespaced like tools, resource URIs the upstream's own.
   */
  public McpPassthrough passthrough() {
    return passthrough;
  }

  /** Each enabled server's state, in config order; problems include refused prompts and resources. */
  public List<UpstreamStatus> status() {
    return provider.status().stream().map(this::withPassthroughProblems).toList();
  }

  private UpstreamStatus withPassthroughProblems(UpstreamStatus status) {
    List<String> more = passthrough.problems(status.name());
    if (more.isEmpty()) {
      return status;
    }
    List<String> problems = new ArrayList<>(status.problems());
    problems.addAll(more);
    return new UpstreamStatus(status.name(), status.transport(), status.endpoint(), status.state(), status.lastError(),
        status.toolCount(), status.reconnects(), problems);
  }

  /** Whether every enabled upstream is connected (true when there are none). */
  public boolean allConnected() {
    return status().stream().allMatch(UpstreamStatus::connected);
  }

  /** Disconnects every upstream and stops their subprocesses. */
  @Override
  public void close() {
    connections.forEach(UpstreamConnection::close);
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
