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
 */
public record ToolStep(PlannedCall call, String outcome, JsonNode result) {
  public ToolStep {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(outcome, "outcome");
    result = result == null ? NullNode.getInstance() : result;
  }

  public boolean succeeded() {
    return "ok".equals(outcome);
  }
}
