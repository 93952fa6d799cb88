package dev.toolgate.mcp;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Streamable HTTP endpoint, ready to mount in any servlet container: the SDK's servlet and
 * the filter that must stand in front of it (allowlists, authentication, session ownership), both
 * mapped to {@link #path()} and both async-supported. Sessions are created by {@code initialize} and
 * ended by the client's {@code DELETE} (after which the old id answers 404), by the SDK's idle sweep
 * ({@link McpHttpConfig#sessionIdle()}), or by {@link #close}; a key holds at most
 * {@link McpHttpConfig#maxSessionsPerKey()} at once.
 */
public final class McpHttpEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);

  private final String path;
  private final HttpServletStreamableServerTransportProvider transport;
  private final HttpGuard guard;
  private final SessionLimits sessions;
  private final InFlightCalls inFlight;
  private final ExecutorService executor;
  private final AutoCloseable listChanged;

  McpHttpEndpoint(
      String path,
      HttpServletStreamableServerTransportProvider transport,
      HttpGuard guard,
      SessionLimits sessions,
      InFlightCalls inFlight,
      ExecutorService executor,
      AutoCloseable listChanged) {
    this.path = path;
    this.transport = transport;
    this.guard = guard;
    this.sessions = sessions;
    this.inFlight = inFlight;
    this.executor = executor;
    this.listChanged = listChanged;
  }

  /** Where to map both {@link #servlet()} and {@link #filter()}: an exact path such as {@code /mcp}. */
  public String path() {
    return path;
  }

  /** The SDK's Streamable HTTP servlet (GET, POST, DELETE); mount it with async support. */
  public HttpServlet servlet() {
    return transport;
  }

  /** The filter that must run before {@link #servlet()}; mount it with async support. */
  public Filter filter() {
    return guard;
  }

  /** Sessions open now, over all keys (each key holds at most {@link McpHttpConfig#maxSessionsPerKey()}). */
  public int openSessions() {
    return sessions.total();
  }

  /**
   * Stops serving: waits up to {@code drain} for tool calls in progress to finish and answer, then
   * closes every session, which ends the clients' open streams. Call it before the container stops,
   * so that graceful shutdown is not held up by streams that never end.
   */
  public void close(Duration drain) {
    Subscriptions.close(listChanged);
    try {
      if (!inFlight.awaitIdle(drain)) {
        LOG.warn("MCP tool calls still running after {}; closing their sessions", drain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      transport.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.warn("closing MCP sessions failed: {}", e.getMessage());
    }
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
