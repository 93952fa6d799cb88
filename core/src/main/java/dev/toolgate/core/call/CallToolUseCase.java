package dev.toolgate.core.call;

/**
 * Calls a tool through the guarded pipeline (policy, rate limit, validation, idempotency, approval,
 * cache, execution with timeout, audit, usage). Never throws for expected outcomes: every result,
 * good or bad, is a {@link ToolOutcome}. Thread-safe.
 */
public interface CallToolUseCase {
  ToolOutcome call(CallToolCommand command);
}
