package dev.toolgate.ports.marketing;

import java.util.Objects;
import java.util.Set;

/**
 * One flow's figures within a report: all of its messages, on all channels, summed.
 *
 * @param id the upstream flow id
 * @param name the flow's name; the id itself when the upstream no longer lists the flow
 * @param channels the channels its messages were sent on in the range (at least one)
 * @param stats its figures
 */
public record FlowPerformance(String id, String name, Set<Channel> channels, PerformanceStats stats) {

  public FlowPerformance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stats, "stats");
    if (id.isBlank()) {
      throw new IllegalArgumentException("flow id must not be blank, got '" + id + "'");
    }
    channels = Set.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("flow '" + id + "' must have at least one channel");
    }
  }
}
