package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.state.Approval;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where gateway outcomes become HTTP: the status and headers of every
 * {@link ToolOutcome} and {@link DecisionOutcome}. The bodies are {@link JsonViews}', the same the
 * CLI prints.
 */
final class OutcomeMapper {
  private OutcomeMapper() {}

  static HttpReply toolCall(ToolOutcome outcome) {
    return new HttpReply(status(outcome), JsonViews.toolCall(outcome), headers(outcome));
  }

  /** An approved call's reply also tells, as {@code execution.http_status}, the status the call itself maps to. */
  static HttpReply decision(DecisionOutcome outcome, Function<Approval, ObjectNode> view) {
    ObjectNode body = JsonViews.decision(outcome, view);
    if (outcome.kind() == DecisionOutcome.Kind.APPROVED) {
      ((ObjectNode) body.get("execution")).put("http_status", status(((DecisionOutcome.Approved) outcome).execution()));
    }
    return outcome.kind() == DecisionOutcome.Kind.UNAVAILABLE
        ? new HttpReply(503, body, Map.of("Retry-After", "1"))
        : HttpReply.of(status(outcome), body);
  }

  /** Status and headers of a tool outcome: the HTTP face's one mapping of every {@link ToolOutcome.Kind}. */
  private static int status(ToolOutcome outcome) {
    return switch (outcome.kind()) {
      case SUCCEEDED -> 200;
      case APPROVAL_REQUIRED -> 202;
      case UNKNOWN_TOOL -> 404;
      case DENIED -> 403;
      case RATE_LIMITED -> 429;
      case INVALID -> 400;
      case IDEMPOTENCY_KEY_REUSED -> 422;
      case IDEMPOTENCY_IN_PROGRESS, APPROVAL_REJECTED -> 409;
      case APPROVAL_EXPIRED -> 410;
      case FAILED -> status(((ToolOutcome.Failed) outcome).failure());
    };
  }

  private static int status(FailureCode failure) {
    return switch (failure) {
      case NOT_FOUND -> 404;
      case UPSTREAM_REJECTED, VALIDATION_FAILED, TOOL_ERROR -> 422;
      case CLIENT_NOT_ALLOWED -> 403;
      case UPSTREAM_UNAVAILABLE, UNAVAILABLE -> 503;
      case TIMEOUT -> 504;
      case INTERNAL_ERROR -> 500;
      // The key is held by a cut-off call: a conflict on the key, not something a retry resolves.
      case OUTCOME_UNKNOWN -> 409;
    };
  }

  private static Map<String, String> headers(ToolOutcome outcome) {
    return switch (outcome.kind()) {
      case SUCCEEDED -> ((ToolOutcome.Succeeded) outcome).idempotentReplay()
          ? Map.of("Idempotent-Replayed", "true")
          : Map.of();
      case APPROVAL_REQUIRED -> Map.of("Location", "/approvals/" + ((ToolOutcome.ApprovalRequired) outcome).approvalId());
      case RATE_LIMITED -> Map.of(
          "Retry-After", Long.toString(Math.max(1, (((ToolOutcome.RateLimited) outcome).retryAfterMs() + 999) / 1000)));
      case IDEMPOTENCY_IN_PROGRESS -> Map.of("Retry-After", "1");
      case FAILED -> outcome.retryable() && status(outcome) == 503 ? Map.of("Retry-After", "1") : Map.of();
      case UNKNOWN_TOOL, DENIED, INVALID, IDEMPOTENCY_KEY_REUSED, APPROVAL_REJECTED, APPROVAL_EXPIRED -> Map.of();
    };
  }

  private static int status(DecisionOutcome outcome) {
    return switch (outcome.kind()) {
      case APPROVED, REJECTED -> 200;
      case NOT_FOUND -> 404;
      case ALREADY_DECIDED, STALE -> 409;
      case EXPIRED -> 410;
      case FORBIDDEN -> 403;
      case UNAVAILABLE -> 503;
    };
  }
}
