package dev.toolgate.ports.tool;

/**
 * Runs a tool. Called only by the gateway's pipeline, after authentication, policy, validation,
 * idempotency and approval; so an executor does the work and nothing else.
 *
 * <p>Returns a {@link ToolResult} (never null): normally {@link ToolResult#of} with JSON matching the
 * tool's output schema; a result with {@code isError} when the tool reports a failure in its own words.
 * Signals the gateway-visible failures with a {@link dev.toolgate.ports.PortException}:
 * {@code NotFoundException} for a missing entity, {@code InvalidRequestException} (or
 * {@code ValidationFailedException} with the discrepancies) when the system refuses the arguments,
 * {@code ClientScopeException} when the caller's client may not see the data,
 * {@code UnavailableException} when it cannot be reached. Must respond to thread interruption and to
 * {@link ToolContext#cancelled()}: the pipeline interrupts an executor that exceeds its timeout.
 */
@FunctionalInterface
public interface ToolExecutor {
  ToolResult execute(ToolInvocation invocation);

  /**
   * Whether this executor finishes in this process in bounded time — no network, no waiting on
   * anything but an embedded store — so that the pipeline may run it on the caller's thread. Such a
   * call skips the hand-off to an execution thread, and with it the execution timeout, which only a
   * thread that waits on another can enforce. False (the default) for anything that may hang.
   */
  default boolean inline() {
    return false;
  }
}
