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
   * Every turn of a session, oldest first. A key scoped to a client (any role) reads that client's
   * sessions, so a client reads its own conversation; an unscoped key needs the operator (or admin)
   * role, like the audit log. Another client's session is not found, exactly as an unknown id.
   *
   * @throws dev.toolgate.core.ForbiddenException for an unscoped key without the role
   * @throws dev.toolgate.ports.NotFoundException when there is no such session (or it is another
   *     client's, for a scoped key)
   */
  List<ChatTurn> history(Principal principal, String sessionId);

  /**
   * Every turn of one client's sessions with {@code since <= at < until}, oldest first (by time,
   * then session and seq), for export. Needs the operator (or admin) role; an operator scoped to
   * another client finds nothing, as for an unknown client.
   *
   * @param since the first instant included, or null for the beginning
   * @param until the first instant excluded, or null for no end
   * @throws dev.toolgate.core.ForbiddenException without the role
   * @throws dev.toolgate.ports.NotFoundException when the client has neither a profile nor a session
   *     (or is another client's, for a scoped key)
   * @throws IllegalArgumentException when {@code since} is not before {@code until}
   */
  List<ChatTurn> clientHistory(Principal principal, String clientKey, java.time.Instant since, java.time.Instant until);

  /**
   * Resumes the turns that paused for an approval which has since been decided but whose turn did
   * not go on (the process stopped between the decision and the resume, the resume pool was full, or
   * the decision's audit failed): each at most once, across restarts and instances. The resumes run
   * on the chat's resume executor; this returns how many were handed to it. Called at start-up and
   * by each maintenance run; looks back as far as idempotency records are kept.
   *
   * @throws dev.toolgate.ports.PortException if a store fails while scanning
   */
  int recoverPausedTurns();
}
