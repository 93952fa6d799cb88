package dev.toolgate.ports.chat;

import java.util.List;
import java.util.Optional;

/**
 * Turns a user's question into a {@link Plan}: what to look up and for which days, which tools to
 * call, or the final answer. Core ships a rule-based planner that works offline; an LLM-backed
 * planner (OpenAI-compatible, Anthropic, Gemini) implements this port by returning
 * {@link Plan.CallTools} until it has what it needs, then {@link Plan.Answer}. It is called once per
 * round of a turn, each time with the steps taken so far; it must not run tools itself (the
 * orchestrator runs them through the guarded pipeline). It should plan only calls to
 * {@link PlanningRequest#tools()}; others are refused by the pipeline.
 *
 * <p>Thread-safe. Never throws for a question it does not understand: it returns {@link Plan.Help}
 * with a reason. Time phrases are resolved in {@link PlanningRequest#timeZone()} relative to
 * {@link PlanningRequest#now()}; weeks start on Monday (ISO-8601). May throw
 * {@link dev.toolgate.ports.UnavailableException} when a remote model cannot be reached.
 */
@FunctionalInterface
public interface Planner {
  Plan plan(PlanningRequest request);

  /**
   * The model names a question may choose ({@link PlanningRequest#model()}), the default first;
   * empty (the default) for a planner that runs no model, such as the rule-based one.
   */
  default List<String> models() {
    return List.of();
  }

  /**
   * Why the client may not be answered with {@code model}: e.g. a model whose provider the gateway
   * has no key for, offered only to clients that stored their own, and this client stored none.
   *
   * @param model one of {@link #models()}, or null for the default
   * @param clientKey the asking client
   * @return a message naming the model and what is missing (never a key), or empty when it may
   */
  default Optional<String> refusal(String model, String clientKey) {
    return Optional.empty();
  }
}
