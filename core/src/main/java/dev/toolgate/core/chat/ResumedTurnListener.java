package dev.toolgate.core.chat;

/**
 * A turn's listener that also wants the answer of the turn when it resumes after an approval (a
 * WebSocket that is still open sends it as the original request's {@code complete}). A listener
 * that is only a {@link dev.toolgate.ports.chat.ChatEvents} gets the resumed turn's events, and
 * its answer stays in the session.
 */
public interface ResumedTurnListener extends dev.toolgate.ports.chat.ChatEvents {
  /** The resumed turn's answer, on the chat's resume executor (see
   * {@code ToolgateBuilder.chatResumes}), not the approver's request; must not block for long. */
  void resumed(ChatAnswer answer);
}
