package dev.toolgate.ports.state;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One call to count.
 *
 * @param day the UTC day of the call
 * @param clientKey the client, or null
 * @param tool the tool name
 * @param error whether the call ended in an error outcome
 * @param latencyMs how long it took
 * @param tokensIn LLM tokens read (prompt, history, tool results; 0 when no LLM ran)
 * @param tokensOut LLM tokens written (0 when no LLM ran)
 * @param costUsd cost in US dollars (zero when nothing was billed)
 */
public record UsageEvent(
    LocalDate day,
    String clientKey,
    String tool,
    boolean error,
    long latencyMs,
    long tokensIn,
    long tokensOut,
    BigDecimal costUsd) {
  public UsageEvent {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(costUsd, "costUsd");
    if (tokensIn < 0 || tokensOut < 0) {
      throw new IllegalArgumentException(
          "usage tokens must not be negative, got in " + tokensIn + " and out " + tokensOut);
    }
    if (clientKey != null && clientKey.isBlank()) {
      throw new IllegalArgumentException("usage client key must be null or non-blank, got '" + clientKey + "'");
    }
  }

  /** Tokens read and written together. */
  public long tokens() {
    return tokensIn + tokensOut;
  }
}
