package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.Principal;
import java.util.Objects;

/**
 * One tool call as it enters the pipeline.
 *
 * @param principal who calls
 * @param tool the tool name as given (may name no tool: the pipeline answers {@code unknown_tool})
 * @param arguments the arguments as given (validated by the pipeline, so any JSON); null means {@code {}}
 * @param idempotencyKey the caller's idempotency key, or null
 * @param requestId the request id, echoed in every response and audit record
 */
public record CallToolCommand(
    Principal principal, String tool, JsonNode arguments, String idempotencyKey, String requestId) {
  public CallToolCommand {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(requestId, "requestId");
    arguments = arguments == null || arguments.isNull() ? dev.toolgate.ports.Json.object() : arguments;
    idempotencyKey = idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey;
  }
}
