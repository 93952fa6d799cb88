package dev.toolgate.ports.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a tool. Called only by the gateway's pipeline, after authentication, policy, validation,
 * idempotency and approval; so an executor does the work and nothing else.
 *
 * <p>Returns the result as JSON matching the tool's output schema (never null). Signals failure with
 * a {@link dev.toolgate.ports.PortException}: {@code NotFoundException} for a missing entity,
 * {@code InvalidRequestException} when the system refuses the arguments, {@code UnavailableException}
 * when it cannot be reached. Must respond to thread interruption: the pipeline interrupts an
 * executor that exceeds its timeout.
 */
@FunctionalInterface
public interface ToolExecutor {
  JsonNode execute(ToolInvocation invocation);
}
