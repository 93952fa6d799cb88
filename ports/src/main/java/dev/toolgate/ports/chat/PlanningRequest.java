package dev.toolgate.ports.chat;

import dev.toolgate.ports.tool.ToolDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Planner} plans from.
 *
 * @param text the user's question as typed
 * @param now the current instant; "today" is its date in {@code timeZone}
 * @param timeZone the client's time zone
 * @param history the session's previous turns, oldest first (may be empty), for follow-up questions
 * @param tools the tools the asking principal may call for this client, ordered by name (may be empty)
 * @param steps the tool calls already made in this turn with their outcomes, in the order they were
 *     made; empty on the first plan of a turn
 * @param events where a streaming planner sends its text deltas ({@link ChatEvents#NONE} when nobody listens)
 * @param model the model the asker chose for this question (a name from {@link Planner#models()}), or
 *     null for the planner's default; a planner without models ignores it
 * @param clientKey the client the question is about, so a model planner can use that client's own
 *     provider key; null when unknown (the server's keys are used)
 */
public record PlanningRequest(
    String text,
    Instant now,
    ZoneId timeZone,
    List<ChatTurn> history,
    List<ToolDefinition> tools,
    List<ToolStep> steps,
    ChatEvents events,
    String model,
    String clientKey) {
  public PlanningRequest {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(timeZone, "timeZone");
    history = List.copyOf(history);
    tools = List.copyOf(tools);
    steps = List.copyOf(steps);
    model = model == null || model.isBlank() ? null : model;
  }

  /** A request with no client named: the server's model keys. */
  public PlanningRequest(
      String text,
      Instant now,
      ZoneId timeZone,
      List<ChatTurn> history,
      List<ToolDefinition> tools,
      List<ToolStep> steps,
      ChatEvents events,
      String model) {
    this(text, now, timeZone, history, tools, steps, events, model, null);
  }

  /** A request for the planner's default model. */
  public PlanningRequest(
      String text,
      Instant now,
      ZoneId timeZone,
      List<ChatTurn> history,
      List<ToolDefinition> tools,
      List<ToolStep> steps,
      ChatEvents events) {
    this(text, now, timeZone, history, tools, steps, events, null, null);
  }

  /** A request nobody streams from. */
  public PlanningRequest(
      String text, Instant now, ZoneId timeZone, List<ChatTurn> history, List<ToolDefinition> tools, List<ToolStep> steps) {
    this(text, now, timeZone, history, tools, steps, ChatEvents.NONE, null, null);
  }

  /** The named tool if the principal may call it. */
  public Optional<ToolDefinition> tool(String name) {
    return tools.stream().filter(tool -> tool.name().equals(name)).findFirst();
  }

  /** The same request with {@code taken} as the steps made so far (for the next plan of the turn). */
  public PlanningRequest withSteps(List<ToolStep> taken) {
    return new PlanningRequest(text, now, timeZone, history, tools, taken, events, model, clientKey);
  }
}
