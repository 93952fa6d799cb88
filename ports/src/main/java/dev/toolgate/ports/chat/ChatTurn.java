package dev.toolgate.ports.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One question asked in a session and the answer given (seed 000's {@code turns}).
 *
 * @param id identifier, e.g. {@code trn_…}; 1–64 letters, digits, '-' or '_'
 * @param sessionId the session it belongs to
 * @param seq its position in the session, from 1, without gaps
 * @param requestId the request that asked it; the same id links the turn's {@link ToolLog}s
 * @param keyId the key id of the principal who asked (never the secret)
 * @param at when the answer was given
 * @param question the user's text as asked
 * @param answer the answer's text
 * @param intent what the planner understood, a stable lower-case word such as {@code campaign_summary}
 *     or {@code help}
 * @param evidence where the answer's numbers came from (tools, arguments, ranges, cache, timings);
 *     {@code null} JSON if none
 */
public record ChatTurn(
    String id,
    String sessionId,
    int seq,
    String requestId,
    String keyId,
    Instant at,
    String question,
    String answer,
    String intent,
    JsonNode evidence) {
  /** The intent of a turn that paused for an approval; the turn that resumes it follows in the session. */
  public static final String AWAITING_APPROVAL = "awaiting_approval";

  public ChatTurn {
    ChatSession.requireId("turn id", id);
    Objects.requireNonNull(sessionId, "sessionId");
    if (seq < 1) {
      throw new IllegalArgumentException("turn '" + id + "' has seq " + seq + "; turns are numbered from 1");
    }
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(intent, "intent");
    evidence = evidence == null ? NullNode.getInstance() : evidence;
  }
}
