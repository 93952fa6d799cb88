package dev.toolgate.ports.chat;

/**
 * Turns a user's question into a {@link Plan}: what to look up and for which days. Core ships a
 * rule-based planner that works offline; an LLM-backed planner (OpenAI-compatible or Anthropic API)
 * can implement this port instead.
 *
 * <p>Thread-safe. Never throws for a question it does not understand: it returns {@link Plan.Help}
 * with a reason. Time phrases are resolved in {@link PlanningRequest#timeZone()} relative to
 * {@link PlanningRequest#now()}; weeks start on Monday (ISO-8601). May throw
 * {@link dev.toolgate.ports.UnavailableException} when a remote model cannot be reached.
 */
@FunctionalInterface
public interface Planner {
  Plan plan(PlanningRequest request);
}
