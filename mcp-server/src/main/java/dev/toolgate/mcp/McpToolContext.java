package dev.toolgate.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.tool.ClientRequests;
import dev.toolgate.ports.tool.ToolContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tool's line to the MCP client that called it: its progress and log messages become
 * notifications on the caller's session (queued, never written on the tool's thread), the caller's {@code notifications/cancelled} reaches it, and
 * it may send the caller elicitation, sampling and roots requests when the caller declared them.
 */
final class McpToolContext implements ToolContext, ClientRequests {
  private static final Logger LOG = LoggerFactory.getLogger(McpToolContext.class);

  private final McpAsyncServerExchange exchange;
  private final ProgressSink progress;
  private final CallNotifications notifications;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

  McpToolContext(McpAsyncServerExchange exchange, ProgressSink progress, CallNotifications notifications) {
    this.exchange = exchange;
    this.progress = progress;
    this.notifications = notifications;
  }

  /** Marks the call cancelled and runs what the tool registered for that, once. */
  void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      onCancel.forEach(McpToolContext::runQuietly);
    }
  }

  @Override
  public void progress(double value, Double total, String message) {
    progress.report(value, total, message);
  }

  @Override
  public void log(String level, String logger, JsonNode data) {
    McpSchema.LoggingLevel mcpLevel;
    try {
      mcpLevel = McpSchema.LoggingLevel.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      mcpLevel = McpSchema.LoggingLevel.INFO;
    }
    String text = data == null ? "" : data.isTextual() ? data.textValue() : Json.write(data);
    notifications.log(new McpSchema.LoggingMessageNotification(mcpLevel, logger, text, null));
  }

  @Override
  public boolean cancelled() {
    return cancelled.get();
  }

  @Override
  public void onCancel(Runnable action) {
    onCancel.add(action);
    if (cancelled.get() && onCancel.remove(action)) {
      runQuietly(action);
    }
  }

  @Override
  public Optional<ClientRequests> client() {
    return Optional.of(this);
  }

  @Override
  public boolean supports(String capability) {
    McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
    if (capabilities == null) {
      return false;
    }
    return switch (capability) {
      case "elicitation" -> capabilities.elicitation() != null;
      case "sampling" -> capabilities.sampling() != null;
      case "roots" -> capabilities.roots() != null;
      default -> false;
    };
  }

  @Override
  public JsonNode request(String method, JsonNode params, Duration timeout) {
    Object result;
    try {
      result =
          switch (method) {
            case McpSchema.METHOD_ELICITATION_CREATE -> exchange
                .createElicitation(convert(params, new TypeReference<McpSchema.ElicitRequest>() {}))
                .block(timeout);
            case McpSchema.METHOD_SAMPLING_CREATE_MESSAGE -> exchange
                .createMessage(convert(params, new TypeReference<McpSchema.CreateMessageRequest>() {}))
                .block(timeout);
            case McpSchema.METHOD_ROOTS_LIST -> exchange.listRoots().block(timeout);
            default -> throw new UnavailableException("the caller cannot be asked '" + method + "'");
          };
    } catch (UnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnavailableException("the caller did not answer " + method + ": " + e.getMessage(), e);
    }
    if (result == null) {
      throw new UnavailableException("the caller did not answer " + method + " within " + timeout.toMillis() + " ms");
    }
    return Json.mapper().valueToTree(result);
  }

  private static <T> T convert(JsonNode params, TypeReference<T> type) {
    try {
      return Json.mapper().convertValue(params, type);
    } catch (IllegalArgumentException e) {
      throw new UnavailableException("malformed request for the caller: " + e.getMessage(), e);
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.debug("a cancellation action failed: {}", e.getMessage());
    }
  }

  /** Where progress goes; sends only increasing values, as MCP requires. */
  interface ProgressSink {
    void report(double value, Double total, String message);
  }
}
