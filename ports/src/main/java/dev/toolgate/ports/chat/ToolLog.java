package dev.toolgate.ports.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One tool call made while answering a turn, with what it returned (seed 000's {@code tool_logs}).
 * Linked to its turn by {@code requestId}; the audit log holds the same call's guarded-pipeline record.
 *
 * @param requestId the request of the turn that made the call
 * @param index the call's position among that request's calls, from 0
 * @param sessionId the session of that turn
 * @param turnId the turn
 * @param clientKey the client the call was for
 * @param tool the tool name
 * @param arguments the arguments as passed (tools that take secrets never get them as arguments)
 * @param outcome the pipeline's outcome code: {@code ok} or an error code such as {@code rate_limited}
 * @param cacheHit whether the response cache answered
 * @param latencyMs how long the call took as seen by the orchestrator
 * @param at when the call started
 * @param result the tool's result when {@code ok}, otherwise the error's {@code code} and
 *     {@code message}; {@code null} JSON if none
 */
public record ToolLog(
    String requestId,
    int index,
    String sessionId,
    String turnId,
    String clientKey,
    String tool,
    JsonNode arguments,
    String outcome,
    boolean cacheHit,
    long latencyMs,
    Instant at,
    JsonNode result) {

  public ToolLog {
    Objects.requireNonNull(requestId, "requestId");
    if (index < 0) {
      throw new IllegalArgumentException("tool log index must not be negative, got " + index);
    }
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(turnId, "turnId");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(outcome, "outcome");
    if (latencyMs < 0) {
      throw new IllegalArgumentException("tool log latencyMs must not be negative, got " + latencyMs);
    }
    Objects.requireNonNull(at, "at");
    result = result == null ? NullNode.getInstance() : result;
  }
}
