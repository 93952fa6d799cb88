package dev.toolgate.ports.marketing;

import java.time.Instant;
import java.util.Objects;

/**
 * One campaign's figures within a report.
 *
 * @param id the upstream campaign id
 * @param name the campaign's name; the id itself when the upstream no longer lists the campaign
 * @param channel the channel it was sent on
 * @param sendTime when it was sent, or null when the upstream does not say
 * @param stats its figures (all of its messages summed)
 */
public record CampaignPerformance(
    String id, String name, Channel channel, Instant sendTime, PerformanceStats stats) {

  public CampaignPerformance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(stats, "stats");
    if (id.isBlank()) {
      throw new IllegalArgumentException("campaign id must not be blank, got '" + id + "'");
    }
  }
}
