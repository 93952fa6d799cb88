package dev.toolgate.core.internal;

import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ClientScopeException;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.ValidationFailedException;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
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
 * happens into an outcome. An {@linkplain ToolExecutor#inline() inline} executor (in-process, bounded
 * time: the support tools over SQLite) runs on the caller's thread instead, without the hand-off and
 * so without the timeout, which only a thread waiting on another can enforce. Exceptions never
 * escape, and their internals never reach the outcome's message; unexpected ones are logged with
 * the request id instead.
 */
public final class ToolRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

  // A bound on threads keeps a flood of slow calls from exhausting the JVM; beyond it calls are
  // refused as retryable, before anything runs.
  private static final int MAX_CONCURRENT_EXECUTIONS = 256;

  private final Duration timeout;
  private final ThreadPoolExecutor pool;

  public ToolRunner(Duration timeout) {
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
  public ToolOutcome run(Tool tool, ToolInvocation invocation) {
    return tool.executor().inline() ? runHere(tool, invocation) : runOnPool(tool, invocation);
  }

  private ToolOutcome runHere(Tool tool, ToolInvocation invocation) {
    ToolResult result;
    try {
      result = tool.executor().execute(invocation);
    } catch (RuntimeException e) {
      return translate(tool.name(), e, invocation.requestId());
    }
    return outcome(tool.name(), result, invocation.requestId());
  }

  private ToolOutcome runOnPool(Tool tool, ToolInvocation invocation) {
    String name = tool.name();
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Future<ToolResult> future;
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
          name, FailureCode.UNAVAILABLE, "the gateway cannot start the call now; retry shortly", true);
    }
    try {
      return outcome(name, future.get(timeout.toNanos(), TimeUnit.NANOSECONDS), invocation.requestId());
    } catch (TimeoutException e) {
      future.cancel(true);
      return new ToolOutcome.Failed(
          name, FailureCode.TIMEOUT, "'" + name + "' did not finish within " + timeout.toMillis() + " ms", true);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new ToolOutcome.Failed(
          name, FailureCode.TIMEOUT, "the gateway stopped waiting for '" + name + "' before it finished", true);
    } catch (ExecutionException e) {
      return translate(name, e.getCause(), invocation.requestId());
    }
  }

  private static ToolOutcome outcome(String name, ToolResult result, String requestId) {
    if (result == null) {
      log.warn("tool {} returned null instead of a result (request {})", name, requestId);
      return internalError(name, requestId);
    }
    if (result.isError()) {
      String text = result.text();
      return new ToolOutcome.Failed(
          name, FailureCode.TOOL_ERROR, text.isBlank() ? "'" + name + "' reported an error" : text, false, null,
          result);
    }
    return new ToolOutcome.Succeeded(name, result, false, false, 0, null);
  }

  private static ToolOutcome translate(String name, Throwable failure, String requestId) {
    if (!(failure instanceof PortException port)) {
      log.warn("tool {} failed unexpectedly (request {})", name, requestId, failure);
      return internalError(name, requestId);
    }
    FailureCode code;
    String fallback;
    if (port instanceof NotFoundException) {
      code = FailureCode.NOT_FOUND;
      fallback = "not found";
    } else if (port instanceof ValidationFailedException) {
      code = FailureCode.VALIDATION_FAILED;
      fallback = "the data failed validation";
    } else if (port instanceof ClientScopeException) {
      code = FailureCode.CLIENT_NOT_ALLOWED;
      fallback = "this key may not act for that client";
    } else if (port instanceof InvalidRequestException || port instanceof ConflictException) {
      // A conflict is the backing system refusing the request because of its state.
      code = FailureCode.UPSTREAM_REJECTED;
      fallback = "the request was refused";
    } else if (port instanceof UnavailableException) {
      code = FailureCode.UPSTREAM_UNAVAILABLE;
      fallback = "a backing system is unavailable";
    } else {
      log.warn("tool {} failed unexpectedly (request {})", name, requestId, failure);
      return internalError(name, requestId);
    }
    return new ToolOutcome.Failed(name, code, messageOf(port, fallback), port.retryable(), port.details(), null);
  }

  private static String messageOf(Throwable failure, String fallback) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? fallback : message;
  }

  private static ToolOutcome internalError(String name, String requestId) {
    return new ToolOutcome.Failed(
        name,
        FailureCode.INTERNAL_ERROR,
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
