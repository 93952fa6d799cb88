package dev.toolgate.core.chat.model;

import java.util.Objects;

/**
 * How the {@link ModelPlanner} talks to its model (the platform's {@code chat.service} settings).
 *
 * @param systemPrompt the instructions the model always sees first
 * @param streaming whether replies are streamed, their text reaching the turn's listeners as it arrives
 * @param contextMaxTokens the model's context window: everything sent plus the reply must fit in it
 * @param reserveTokens how much of the window is kept free for the reply
 * @param preserveRecent how many of the latest messages are never trimmed away, however long
 * @param toolResultMaxTokens the longest a single tool result may be; a longer one is cut, with a note
 *     saying so
 * @param compactCatalogue whether the model sees the compact catalogue's three meta-tools (search,
 *     describe, call) instead of every tool with its schema
 */
public record ModelPlannerConfig(
    String systemPrompt,
    boolean streaming,
    int contextMaxTokens,
    int reserveTokens,
    int preserveRecent,
    int toolResultMaxTokens,
    boolean compactCatalogue) {

  /** The instructions used when none are configured. */
  public static final String DEFAULT_SYSTEM_PROMPT =
      "You are Toolgate's assistant for marketing data. Answer with figures taken from the tools' results;"
          + " call a tool rather than guess, and never invent a number. If a tool fails or is refused, say so"
          + " plainly. Keep answers short.";

  public ModelPlannerConfig {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if (systemPrompt.isBlank()) {
      throw new IllegalArgumentException("systemPrompt must not be blank");
    }
    if (contextMaxTokens < 256) {
      throw new IllegalArgumentException("contextMaxTokens must be at least 256, got " + contextMaxTokens);
    }
    if (reserveTokens < 1 || reserveTokens >= contextMaxTokens) {
      throw new IllegalArgumentException(
          "reserveTokens must be between 1 and contextMaxTokens - 1 (" + (contextMaxTokens - 1) + "), got "
              + reserveTokens);
    }
    if (preserveRecent < 1) {
      throw new IllegalArgumentException("preserveRecent must be at least 1, got " + preserveRecent);
    }
    if (toolResultMaxTokens < 64) {
      throw new IllegalArgumentException("toolResultMaxTokens must be at least 64, got " + toolResultMaxTokens);
    }
  }

  /** The platform's defaults: 8000-token window, 1000 reserved, the last 10 messages kept, no streaming. */
  public static ModelPlannerConfig defaults() {
    return new ModelPlannerConfig(DEFAULT_SYSTEM_PROMPT, false, 8000, 1000, 10, 2000, false);
  }

  public ModelPlannerConfig withStreaming(boolean value) {
    return new ModelPlannerConfig(systemPrompt, value, contextMaxTokens, reserveTokens, preserveRecent,
        toolResultMaxTokens, compactCatalogue);
  }

  public ModelPlannerConfig withContext(int maxTokens, int reserve, int recent) {
    return new ModelPlannerConfig(systemPrompt, streaming, maxTokens, reserve, recent,
        Math.max(64, Math.min(toolResultMaxTokens, (maxTokens - reserve) / 2)), compactCatalogue);
  }

  /** The same, offering the model the compact catalogue (true) or every tool (false). */
  public ModelPlannerConfig withCompactCatalogue(boolean value) {
    return new ModelPlannerConfig(systemPrompt, streaming, contextMaxTokens, reserveTokens, preserveRecent,
        toolResultMaxTokens, value);
  }
}
