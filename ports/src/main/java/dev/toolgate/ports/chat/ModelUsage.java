package dev.toolgate.ports.chat;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model reply cost: the tokens it read and wrote and their price.
 *
 * @param provider the provider's name as configured, e.g. {@code openai}, {@code anthropic}, {@code groq}
 * @param model the model's name as the provider knows it
 * @param inputTokens tokens sent to the model (prompt, history, tool results)
 * @param outputTokens tokens the model wrote
 * @param costUsd the price of those tokens in US dollars, zero when unknown or free
 * @param estimated true when the provider reported no counts and they were estimated
 */
public record ModelUsage(
    String provider, String model, long inputTokens, long outputTokens, BigDecimal costUsd, boolean estimated) {
  public ModelUsage {
    requireName("provider", provider);
    requireName("model", model);
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts must not be negative, got input " + inputTokens + " and output " + outputTokens);
    }
    Objects.requireNonNull(costUsd, "costUsd");
    if (costUsd.signum() < 0) {
      throw new IllegalArgumentException("costUsd must not be negative, got " + costUsd);
    }
  }

  /** Input and output tokens together. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  private static void requireName(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("model usage " + what + " must not be blank");
    }
  }
}
