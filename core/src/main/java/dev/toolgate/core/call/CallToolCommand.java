package dev.toolgate.core.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolContext;
import java.util.Objects;

/**
 * One tool call as it enters the pipeline.
 *
 * @param principal who calls
 * @param tool the tool name as given (may name no tool: the pipeline answers {@code unknown_tool})
 * @param arguments the arguments as given (validated by the pipeline, so any JSON); null means {@code {}}
 * @param idempotencyKey the caller's idempotency key, or null
 * @param requestId the request id, echoed in every response and audit record
 * @param context where the running tool's progress, logs and requests go, and its cancellation comes
 *     from; {@link ToolContext#NONE} when the face offers none
 */
public record CallToolCommand(
    Principal principal,
    String tool,
    JsonNode arguments,
    String idempotencyKey,
    String requestId,
    ToolContext context) {
  public CallToolCommand {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(context, "context");
    arguments = arguments == null || arguments.isNull() ? Json.object() : arguments;
    idempotencyKey = idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey;
  }

  /** A call whose face offers no progress, logs, cancellation or client requests. */
  public CallToolCommand(
      Principal principal, String tool, JsonNode arguments, String idempotencyKey, String requestId) {
    this(principal, tool, arguments, idempotencyKey, requestId, ToolContext.NONE);
  }
}
