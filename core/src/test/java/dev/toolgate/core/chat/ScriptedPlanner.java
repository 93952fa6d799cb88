package dev.toolgate.core.chat;

import dev.toolgate.ports.chat.Plan;
import dev.toolgate.ports.chat.Planner;
import dev.toolgate.ports.chat.PlanningRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A planner that plays back a script, one reply per call, as a model would reply round by round,
 * and keeps every request it was given. The last reply repeats once the script runs out.
 */
final class ScriptedPlanner implements Planner {
  private final List<Function<PlanningRequest, Plan>> replies;
  final List<PlanningRequest> requests = new ArrayList<>();

  @SafeVarargs
  ScriptedPlanner(Function<PlanningRequest, Plan>... replies) {
    this.replies = List.of(replies);
  }

  @Override
  public synchronized Plan plan(PlanningRequest request) {
    requests.add(request);
    return replies.get(Math.min(requests.size(), replies.size()) - 1).apply(request);
  }
}
