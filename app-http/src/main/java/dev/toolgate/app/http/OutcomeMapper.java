package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
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
    if (outcome instanceof DecisionOutcome.Approved a) {
      ((ObjectNode) body.get("execution")).put("http_status", status(a.execution()));
    }
    return HttpReply.of(status(outcome), body);
  }

  private static int failedStatus(String code) {
    return switch (code) {
      case "not_found" -> 404;
      case "upstream_rejected" -> 422;
      case "upstream_unavailable", "unavailable" -> 503;
      case "timeout" -> 504;
      default -> 500;
    };
  }

  private static int status(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded) {
      return 200;
    } else if (outcome instanceof ToolOutcome.ApprovalRequired) {
      return 202;
    } else if (outcome instanceof ToolOutcome.UnknownTool) {
      return 404;
    } else if (outcome instanceof ToolOutcome.Denied) {
      return 403;
    } else if (outcome instanceof ToolOutcome.RateLimited) {
      return 429;
    } else if (outcome instanceof ToolOutcome.Invalid) {
      return 400;
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused) {
      return 422;
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress
        || outcome instanceof ToolOutcome.ApprovalRejected) {
      return 409;
    } else if (outcome instanceof ToolOutcome.ApprovalExpired) {
      return 410;
    } else if (outcome instanceof ToolOutcome.Failed f) {
      return failedStatus(f.code());
    }
    throw new IllegalStateException("unmapped outcome " + outcome.getClass().getName());
  }

  private static Map<String, String> headers(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded s && s.idempotentReplay()) {
      return Map.of("Idempotent-Replayed", "true");
    } else if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      return Map.of("Location", "/approvals/" + a.approvalId());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      return Map.of("Retry-After", Long.toString(Math.max(1, (r.retryAfterMs() + 999) / 1000)));
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress
        || outcome instanceof ToolOutcome.Failed f && f.retryable() && failedStatus(f.code()) == 503) {
      return Map.of("Retry-After", "1");
    }
    return Map.of();
  }

  private static int status(DecisionOutcome outcome) {
    if (outcome instanceof DecisionOutcome.Approved || outcome instanceof DecisionOutcome.Rejected) {
      return 200;
    } else if (outcome instanceof DecisionOutcome.NotFound) {
      return 404;
    } else if (outcome instanceof DecisionOutcome.AlreadyDecided || outcome instanceof DecisionOutcome.Stale) {
      return 409;
    } else if (outcome instanceof DecisionOutcome.Expired) {
      return 410;
    } else if (outcome instanceof DecisionOutcome.Forbidden) {
      return 403;
    }
    throw new IllegalStateException("unmapped decision outcome " + outcome.getClass().getName());
  }
}
