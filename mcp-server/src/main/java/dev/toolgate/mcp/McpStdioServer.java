package dev.toolgate.mcp;

import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server on a pair of streams (normally the process's stdin and stdout), serving one session
 * for one fixed principal. It ends when the client closes its end of the input.
 */
public final class McpStdioServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(McpStdioServer.class);

  private final StdioServerTransportProvider transport;
  private final CountDownLatch closed;
  private final InFlightCalls inFlight;
  private final ExecutorService executor;
  private final AutoCloseable listChanged;

  McpStdioServer(
      StdioServerTransportProvider transport,
      CountDownLatch closed,
      InFlightCalls inFlight,
      ExecutorService executor,
      AutoCloseable listChanged) {
    this.transport = transport;
    this.closed = closed;
    this.inFlight = inFlight;
    this.executor = executor;
    this.listChanged = listChanged;
  }

  /** Blocks until the session ends (the client closed the input, or {@link #close()}). */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Gives tool calls in progress up to {@code drain} to finish, then ends the session. */
  public void close(Duration drain) {
    try {
      if (!inFlight.awaitIdle(drain)) {
        LOG.warn("MCP tool calls still running after {}; closing the session", drain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /** Ends the session now. */
  @Override
  public void close() {
    Subscriptions.close(listChanged);
    try {
      transport.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("closing the stdio session: {}", e.getMessage());
    }
    executor.shutdownNow();
    closed.countDown();
  }
}
