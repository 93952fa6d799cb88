package dev.toolgate.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The answer to one question.
 *
 * @param sessionId the session the turn was added to (new or continued)
 * @param turnId the stored turn
 * @param requestId the request id (links the turn, its tool logs and audit records)
 * @param intent what was understood, e.g. {@code campaign_summary}, {@code top_campaigns} or {@code help}
 * @param text a few sentences with the figures, formatted in the account's currency and as percentages
 * @param evidence where every number came from: the tools called with their arguments and outcomes,
 *     the resolved periods, the statistics used, cache hits and ages, upstream request ids, timings,
 *     and {@code sample_data}
 * @param sampleData whether any figure came from the built-in sample data set
 */
public record ChatAnswer(
    String sessionId, String turnId, String requestId, String intent, String text, JsonNode evidence, boolean sampleData) {
  public ChatAnswer {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(turnId, "turnId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(evidence, "evidence");
  }
}
