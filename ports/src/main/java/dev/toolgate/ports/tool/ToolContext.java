package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a running call can tell its caller, and learn from it, while it runs: progress, log messages,
 * cancellation, and requests back to the calling client (an upstream MCP server asking for an
 * elicitation or a sampling, for example). The face that took the call decides what reaches the
 * caller: MCP forwards progress and logs as notifications, REST and the CLI drop them.
 *
 * <p>Every method has a no-op default, so {@link #NONE} and partial implementations are valid.
 * Implementations are thread-safe and never throw from {@link #progress} or {@link #log}.
 */
public interface ToolContext {
  /** A context that reports nothing and is never cancelled. */
  ToolContext NONE = new ToolContext() {};

  /**
   * Reports progress.
   *
   * @param progress how far, increasing with each report
   * @param total the value {@code progress} reaches when done, or null if unknown
   * @param message a short human message, or null
   */
  default void progress(double progress, Double total, String message) {}

  /**
   * A log message for the caller (MCP {@code notifications/message}).
   *
   * @param level an MCP/syslog level name: debug, info, notice, warning, error, critical, alert, emergency
   * @param logger the logger name, or null
   * @param data the message, any JSON (usually a string)
   */
  default void log(String level, String logger, JsonNode data) {}

  /** Whether the caller gave up on the call; a long-running executor should stop early. */
  default boolean cancelled() {
    return false;
  }

  /** Runs {@code action} once when the caller cancels (at once if it already has). */
  default void onCancel(Runnable action) {}

  /** Requests toward the calling client, when the face and the client support them. */
  default Optional<ClientRequests> client() {
    return Optional.empty();
  }
}
