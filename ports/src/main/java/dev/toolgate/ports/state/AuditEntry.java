package dev.toolgate.ports.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What happened to one call (or one decision), before it is chained into the audit log.
 *
 * @param at when; truncated to milliseconds so that every store reproduces the same hash
 * @param requestId the request id
 * @param keyId the principal's key id (never the secret), or null when unauthenticated
 * @param clientKey the client, or null
 * @param tool the tool name, or null for events that concern no tool
 * @param arguments the arguments with sensitive values redacted; {@code null} JSON if none
 * @param outcome what happened, a stable lower-case word such as {@code executed} or {@code denied}
 * @param code the error code for unsuccessful outcomes, or null
 * @param latencyMs how long the pipeline took
 * @param details further structured facts (approval id, replay flag, cache hit…); {@code null} JSON if none
 */
public record AuditEntry(
    Instant at,
    String requestId,
    String keyId,
    String clientKey,
    String tool,
    JsonNode arguments,
    String outcome,
    String code,
    long latencyMs,
    JsonNode details) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    at = at.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    arguments = arguments == null ? NullNode.getInstance() : arguments;
    details = details == null ? NullNode.getInstance() : details;
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs must not be negative, got " + latencyMs);
    }
  }
}
