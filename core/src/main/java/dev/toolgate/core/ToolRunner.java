package dev.toolgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolInvocation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The execution stage: runs a tool's executor on a pool thread with a timeout and turns whatever
 * happens into an outcome. Exceptions never escape, and their internals never reach the outcome's
 * message; unexpected ones are logged with the request id instead.
 */
final class ToolRunner implements AutoCloseable {
  /** The gateway refused to start the call (shutting down or saturated); nothing ran. */
  static final String UNAVAILABLE = "unavailable";

  static final String INTERNAL_ERROR = "internal_error";

  private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

  // A bound on threads keeps a flood of slow calls from exhausting the JVM; beyond it calls are
  // refused as retryable, before anything runs.
  private static final int MAX_CONCURRENT_EXECUTIONS = 256;

  private final Duration timeout;
  private final ThreadPoolExecutor pool;

  ToolRunner(Duration timeout) {
    this.timeout = timeout;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            MAX_CONCURRENT_EXECUTIONS,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "toolgate-exec-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs the tool once; the result is {@code Succeeded} or {@code Failed}. */
  ToolOutcome run(Tool tool, ToolInvocation invocation) {
    String name = tool.name();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Future<JsonNode> future;
    try {
      future =
          pool.submit(
              () -> {
                if (logContext != null) {
                  MDC.setContextMap(logContext);
                }
                try {
                  return tool.executor().execute(invocation);
                } finally {
                  MDC.clear();
                }
              });
    } catch (RejectedExecutionException e) {
      return new ToolOutcome.Failed(
          name, UNAVAILABLE, "the gateway cannot start the call now; retry shortly", true);
    }
    try {
      JsonNode result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (result == null) {
        log.warn("tool {} returned null instead of a result (request {})", name, invocation.requestId());
        return internalError(name, invocation.requestId());
      }
      return new ToolOutcome.Succeeded(name, result, false, false, 0, null);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new ToolOutcome.Failed(
          name, "timeout", "'" + name + "' did not finish within " + timeout.toMillis() + " ms", true);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new ToolOutcome.Failed(
          name, "timeout", "the gateway stopped waiting for '" + name + "' before it finished", true);
    } catch (ExecutionException e) {
      return translate(name, e.getCause(), invocation.requestId());
    }
  }

  private static ToolOutcome translate(String name, Throwable failure, String requestId) {
    if (failure instanceof NotFoundException) {
      return new ToolOutcome.Failed(name, "not_found", messageOf(failure, "not found"), false);
    }
    // A conflict is the backing system refusing the request because of its state.
    if (failure instanceof InvalidRequestException || failure instanceof ConflictException) {
      return new ToolOutcome.Failed(
          name, "upstream_rejected", messageOf(failure, "the request was refused"), false);
    }
    if (failure instanceof UnavailableException) {
      return new ToolOutcome.Failed(
          name, "upstream_unavailable", messageOf(failure, "a backing system is unavailable"), true);
    }
    log.warn("tool {} failed unexpectedly (request {})", name, requestId, failure);
    return internalError(name, requestId);
  }

  private static String messageOf(Throwable failure, String fallback) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? fallback : message;
  }

  private static ToolOutcome internalError(String name, String requestId) {
    return new ToolOutcome.Failed(
        name,
        INTERNAL_ERROR,
        "'" + name + "' failed with an internal error; the gateway log has details under request " + requestId,
        false);
  }

  /** Lets running calls finish for up to the execution timeout, then interrupts them. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("tool calls still running after {} ms; interrupting them", timeout.toMillis());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
