package dev.toolgate.ports.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A tool call already made in the current turn, as the planner sees it when it plans again.
 *
 * @param call the call as planned
 * @param outcome the pipeline's outcome code: {@code ok} or an error code such as {@code tool_not_allowed}
 *     or {@code approval_required}
 * @param result the tool's JSON result when {@code ok}; otherwise an object with the error's
 *     {@code code} and {@code message}
 * @param hop the round of planned calls it belonged to, from 1 (calls of one {@link Plan.CallTools}
 *     share it, so a model sees them as one reply of its own); 0 when unknown
 */
public record ToolStep(PlannedCall call, String outcome, JsonNode result, int hop) {
  public ToolStep {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(outcome, "outcome");
    result = result == null ? NullNode.getInstance() : result;
    if (hop < 0) {
      throw new IllegalArgumentException("hop must be 0 (unknown) or more, got " + hop);
    }
  }

  /** A step whose round is unknown. */
  public ToolStep(PlannedCall call, String outcome, JsonNode result) {
    this(call, outcome, result, 0);
  }

  public boolean succeeded() {
    return "ok".equals(outcome);
  }
}
