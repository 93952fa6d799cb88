package dev.toolgate.ports.marketing;

import java.time.Duration;
import java.util.Objects;

/**
 * One upstream request behind a report, for the evidence block. Never holds credentials.
 *
 * @param operation method and path, e.g. {@code POST /api/campaign-values-reports}
 * @param status the HTTP status of the final attempt
 * @param requestId the upstream's id for the request or its result (a request-id header, or the
 *     report's id), or null when the upstream gives none
 * @param attempts how many times it was sent (1 = no retry)
 * @param duration from the first attempt to the final answer, waits for limits and retries included
 */
public record UpstreamCall(
    String operation, int status, String requestId, int attempts, Duration duration) {

  public UpstreamCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(duration, "duration");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
  }
}
