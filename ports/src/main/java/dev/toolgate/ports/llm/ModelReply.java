package dev.toolgate.ports.llm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A model's complete reply.
 *
 * @param provider the configured provider name that answered
 * @param model the model that answered, as the provider reports it (may be a dated snapshot of the
 *     requested name)
 * @param text the reply's text; empty (never null) when the model only called tools
 * @param toolCalls the tools the model wants run, in its order; empty when it answered in text
 * @param usage tokens in and out
 * @param costUsd what the request cost by the price table, or null when the model has no price there
 * @param finishReason why the model stopped, normalised: {@code stop}, {@code tool_calls},
 *     {@code length}, {@code content_filter} or {@code other}
 */
public record ModelReply(
    String provider,
    String model,
    String text,
    List<ModelToolCall> toolCalls,
    TokenUsage usage,
    BigDecimal costUsd,
    String finishReason) {

  public ModelReply {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(text, "text");
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
    if (costUsd != null && costUsd.signum() < 0) {
      throw new IllegalArgumentException("costUsd must not be negative, got " + costUsd);
    }
  }
}
