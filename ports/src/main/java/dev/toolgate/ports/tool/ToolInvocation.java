package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One validated call handed to a {@link ToolExecutor}.
 *
 * @param arguments the arguments object, already validated against the input schema; never null
 * @param requestId the request id to propagate upstream (for example as {@code X-Request-ID})
 * @param clientKey the tenant the call is made for, or null when the principal has no client scope
 * @param idempotencyKey the caller's idempotency key, or null; an adapter may forward it upstream and
 *     may retry a write only when it is present
 */
public record ToolInvocation(
    JsonNode arguments, String requestId, String clientKey, String idempotencyKey) {

  public ToolInvocation {
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(requestId, "requestId");
    if (!arguments.isObject()) {
      throw new IllegalArgumentException("tool arguments must be a JSON object, got " + arguments.getNodeType());
    }
  }
}
