package dev.toolgate.ports.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.Json;
import java.util.Objects;

/**
 * One tool call a planner wants made. The orchestrator runs it through the guarded pipeline (policy,
 * limits, validation, idempotency, approvals, cache, audit, usage) like any other caller's call.
 *
 * @param id the model's own id for the call (e.g. OpenAI's {@code tool_call_id}), echoed in the
 *     {@link ToolStep} so the model can match results to calls; null when the planner has none
 * @param tool the tool name as the planner chose it (may name a tool the principal may not call:
 *     the pipeline then answers with its error code)
 * @param arguments the arguments object; null means {@code {}}
 */
public record PlannedCall(String id, String tool, JsonNode arguments) {
  public PlannedCall {
    Objects.requireNonNull(tool, "tool");
    arguments = arguments == null || arguments.isNull() ? Json.object() : arguments.deepCopy();
  }
}
