package dev.toolgate.core.chat;

import dev.toolgate.core.Principal;
import dev.toolgate.ports.chat.ChatTurn;
import java.util.List;

/**
 * Answers questions about a client's marketing data (seed 000): plans the question, calls the
 * marketing tools through the guarded pipeline (policy, rate limits, cache, audit) as the asking
 * principal scoped to the client, writes a short answer with the figures and an evidence block, and
 * stores the session, the turn and a tool log per call. Thread-safe.
 *
 * <p>Expected refusals are {@link ChatOutcome.Refused}; a failed lookup is still an answer that says
 * what failed. Store failures propagate as {@link dev.toolgate.ports.PortException}s, as does an
 * unavailable remote planner.
 */
public interface ChatUseCase {
  ChatOutcome chat(ChatCommand command);

  /**
   * Every turn of a session, oldest first, for export. Needs the operator (or admin) role, like the
   * audit log; a key scoped to one client sees only that client's sessions.
   *
   * @throws dev.toolgate.core.ForbiddenException without the role
   * @throws dev.toolgate.ports.NotFoundException when there is no such session (or it is another
   *     client's, for a scoped key)
   */
  List<ChatTurn> history(Principal principal, String sessionId);
}
