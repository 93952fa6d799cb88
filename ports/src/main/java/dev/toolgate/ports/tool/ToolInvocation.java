package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One validated call handed to a {@link ToolExecutor}.
 *
 * @param arguments the arguments object, already validated against the input schema; never null
 * @param requestId the request id to propagate upstream (for example as {@code X-Request-ID})
 * @param clientKey the tenant the call is made for, or null when the principal has no client scope
 * @param idempotencyKey null, or the call's effect key: the caller's idempotency key scoped to its API
 *     key and the tool ({@link dev.toolgate.ports.state.IdempotencyScope#effectKey()}), so that two
 *     callers sending the same key never share an effect. A tool keys its side effect by it where the
 *     effect happens (a unique column, or an {@code Idempotency-Key} passed upstream), so that a re-run
 *     after a crash finds the first effect; an adapter may retry a write only when it is present
 * @param context progress, logs, cancellation and client requests of this call; never null
 */
public record ToolInvocation(
    JsonNode arguments, String requestId, String clientKey, String idempotencyKey, ToolContext context) {

  public ToolInvocation {
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(context, "context");
    if (!arguments.isObject()) {
      throw new IllegalArgumentException("tool arguments must be a JSON object, got " + arguments.getNodeType());
    }
  }

  /** An invocation whose caller takes no progress, logs or requests. */
  public ToolInvocation(JsonNode arguments, String requestId, String clientKey, String idempotencyKey) {
    this(arguments, requestId, clientKey, idempotencyKey, ToolContext.NONE);
  }

  /** This invocation's arguments read with defaults and type checks. */
  public ToolArguments args() {
    return new ToolArguments(arguments);
  }
}
