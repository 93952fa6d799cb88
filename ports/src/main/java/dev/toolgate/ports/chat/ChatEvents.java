package dev.toolgate.ports.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a chat turn reports while it runs, for a face that streams it (WebSocket, Server-Sent Events):
 * the answer's text as it is written, and each tool call as it starts and ends. A planner backed by a
 * streaming model sends its text deltas through {@link #text}; the orchestrator reports tool calls and,
 * when the planner streamed no text for the final answer, sends the whole answer as one delta. Every
 * method has a no-op default, so a listener takes only what it shows.
 *
 * <p>Called on the turn's thread, in order; a listener must not block for long and must not throw.
 */
public interface ChatEvents {
  /** Ignores every event: what non-streaming callers pass. */
  ChatEvents NONE = new ChatEvents() {};

  /** A piece of the answer's text, in order; the pieces concatenated are the answer. */
  default void text(String delta) {}

  /**
   * A tool call is about to run through the guarded pipeline.
   *
   * @param callId the planner's id for the call, or null
   */
  default void toolCall(String callId, String tool, JsonNode arguments) {}

  /**
   * A tool call ended.
   *
   * @param code the outcome's wire code, e.g. {@code ok}, {@code denied}, {@code approval_required}
   */
  default void toolResult(String callId, String tool, String code, boolean success) {}

  /** A tool call needs a human approval before it runs; the approval's id lets a client follow it. */
  default void approvalRequired(String callId, String tool, String approvalId) {}
}
