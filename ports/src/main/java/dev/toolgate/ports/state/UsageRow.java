package dev.toolgate.ports.state;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Counters for one (day, client, tool); {@code clientKey} is null for calls without a client. An LLM
 * model's replies are counted under the tool {@code llm:<provider>/<model>}, so a row is also per model.
 *
 * @param tokensIn LLM tokens read
 * @param tokensOut LLM tokens written
 */
public record UsageRow(
    LocalDate day,
    String clientKey,
    String tool,
    long calls,
    long errors,
    long totalLatencyMs,
    long tokensIn,
    long tokensOut,
    BigDecimal costUsd) {
  /** Tokens read and written together. */
  public long tokens() {
    return tokensIn + tokensOut;
  }
}
