package dev.toolgate.ports.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Planner} plans from.
 *
 * @param text the user's question as typed
 * @param now the current instant; "today" is its date in {@code timeZone}
 * @param timeZone the client's time zone
 * @param history the session's previous turns, oldest first (may be empty), for follow-up questions
 */
public record PlanningRequest(String text, Instant now, ZoneId timeZone, List<ChatTurn> history) {
  public PlanningRequest {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(timeZone, "timeZone");
    history = List.copyOf(history);
  }
}
