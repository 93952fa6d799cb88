package dev.toolgate.core.chat;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.chat.ChatEvents;
import java.util.Objects;

/**
 * One question to the chat orchestrator.
 *
 * @param principal who asks; its tool calls go through the pipeline as this principal, scoped to the client
 * @param clientKey the client whose data the question is about
 * @param text the question as typed
 * @param sessionId the session to continue, or null to start one; an unknown id starts a session with that id
 * @param requestId the request id, shared by the turn, its tool calls, their audit records and tool logs
 * @param events where the turn's text and tool calls are reported as they happen, for streaming faces
 * @param model the model to answer with, one of the planner's {@link dev.toolgate.ports.chat.Planner#models()};
 *     null for the default
 */
public record ChatCommand(
    Principal principal,
    String clientKey,
    String text,
    String sessionId,
    String requestId,
    ChatEvents events,
    String model) {
  public ChatCommand {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(events, "events");
    sessionId = sessionId == null || sessionId.isBlank() ? null : sessionId;
    model = model == null || model.isBlank() ? null : model.strip();
  }

  /** A question for the default model. */
  public ChatCommand(
      Principal principal, String clientKey, String text, String sessionId, String requestId, ChatEvents events) {
    this(principal, clientKey, text, sessionId, requestId, events, null);
  }

  /** A question whose answer is wanted whole, not streamed. */
  public ChatCommand(Principal principal, String clientKey, String text, String sessionId, String requestId) {
    this(principal, clientKey, text, sessionId, requestId, ChatEvents.NONE, null);
  }

  /** The same question, its turn reported to {@code listener} as it runs (a streaming face's). */
  public ChatCommand withEvents(ChatEvents listener) {
    return new ChatCommand(principal, clientKey, text, sessionId, requestId, listener, model);
  }
}
