package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place where gateway outcomes become HTTP: status, headers and body for every
 * {@link ToolOutcome} and {@link DecisionOutcome}. Errors use {@link ErrorBody}'s shape; tool-call
 * replies also carry {@code success} and {@code tool_name}, as seed 003 clients expect.
 */
final class OutcomeMapper {
  private OutcomeMapper() {}

  static HttpReply toolCall(ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Succeeded s) {
      ObjectNode body = Json.object();
      body.put("success", true);
      body.put("tool_name", s.tool());
      body.set("result", s.result());
      body.put("idempotent_replay", s.idempotentReplay());
      body.putObject("cache").put("hit", s.cacheHit()).put("age_ms", s.cacheAgeMs());
      if (s.approvalId() != null) {
        body.put("approval_id", s.approvalId());
      }
      return new HttpReply(200, body, s.idempotentReplay() ? Map.of("Idempotent-Replayed", "true") : Map.of());
    }
    if (outcome instanceof ToolOutcome.ApprovalRequired a) {
      ObjectNode details = Json.object();
      details.put("approval_id", a.approvalId());
      details.put("expires_at", instant(a));
      ObjectNode body = Json.object();
      body.put("success", false);
      body.put("tool_name", a.tool());
      body.put("requires_confirmation", true);
      body.put("approval_id", a.approvalId());
      body.put("pending_action_id", a.approvalId());
      body.put("expires_at", instant(a));
      body.put("idempotent_replay", a.idempotentReplay());
      body.setAll(ErrorBody.of(a.code(), a.message(), details));
      return new HttpReply(202, body, Map.of("Location", "/approvals/" + a.approvalId()));
    }
    ObjectNode details = Json.object();
    Map<String, String> headers = Map.of();
    int status;
    if (outcome instanceof ToolOutcome.UnknownTool) {
      status = 404;
      details.put("tool", outcome.tool());
    } else if (outcome instanceof ToolOutcome.Denied d) {
      status = 403;
      details.put("rule", d.rule());
    } else if (outcome instanceof ToolOutcome.RateLimited r) {
      status = 429;
      details.put("scope", r.scope()).put("retry_after_ms", r.retryAfterMs());
      headers = Map.of("Retry-After", Long.toString(Math.max(1, (r.retryAfterMs() + 999) / 1000)));
    } else if (outcome instanceof ToolOutcome.Invalid i) {
      status = 400;
      details = Views.fieldErrors(i.errors());
    } else if (outcome instanceof ToolOutcome.IdempotencyKeyReused k) {
      status = 422;
      details.put("idempotency_key", k.idempotencyKey());
    } else if (outcome instanceof ToolOutcome.IdempotencyInProgress p) {
      status = 409;
      details.put("idempotency_key", p.idempotencyKey());
      headers = Map.of("Retry-After", "1");
    } else if (outcome instanceof ToolOutcome.ApprovalRejected r) {
      status = 409;
      details.put("approval_id", r.approvalId()).put("decided_by", r.decidedBy()).put("reason", r.reason());
    } else if (outcome instanceof ToolOutcome.ApprovalExpired e) {
      status = 410;
      details.put("approval_id", e.approvalId());
    } else if (outcome instanceof ToolOutcome.Failed f) {
      status = failedStatus(f.code());
      details.put("retryable", f.retryable());
      if (f.retryable() && status == 503) {
        headers = Map.of("Retry-After", "1");
      }
    } else {
      throw new IllegalStateException("unmapped outcome " + outcome.getClass().getName());
    }
    ObjectNode body = Json.object();
    body.put("success", false);
    body.put("tool_name", outcome.tool());
    body.setAll(ErrorBody.of(outcome.code(), outcome.message(), details));
    return new HttpReply(status, body, headers);
  }

  static HttpReply decision(DecisionOutcome outcome, Function<Approval, ObjectNode> view) {
    if (outcome instanceof DecisionOutcome.Approved a) {
      ObjectNode body = decided(a.approval(), "approved", view);
      HttpReply execution = toolCall(a.execution());
      body.put("success", a.execution().isSuccess());
      execution.body().put("http_status", execution.status());
      body.set("execution", execution.body());
      return HttpReply.of(200, body);
    }
    if (outcome instanceof DecisionOutcome.Rejected r) {
      return HttpReply.of(200, decided(r.approval(), "rejected", view));
    }
    if (outcome instanceof DecisionOutcome.NotFound n) {
      ObjectNode details = Json.object().put("approval_id", n.approvalId());
      return error(404, n.code(), "no approval with id '" + n.approvalId() + "'", details);
    }
    if (outcome instanceof DecisionOutcome.AlreadyDecided d) {
      Approval approval = d.approval();
      ObjectNode details = Json.object();
      details.put("approval_id", approval.id());
      details.put("status", approval.status().wireName());
      details.put("decided_by", approval.decidedBy());
      details.put("decided_at", approval.decidedAt() == null ? null : approval.decidedAt().toString());
      String message = "approval " + approval.id() + " was already " + approval.status().wireName();
      return error(409, d.code(), message, details);
    }
    if (outcome instanceof DecisionOutcome.Expired e) {
      Approval approval = e.approval();
      ObjectNode details =
          Json.object().put("approval_id", approval.id()).put("expires_at", approval.expiresAt().toString());
      String message =
          "approval " + approval.id() + " expired at " + approval.expiresAt() + "; it can no longer be decided";
      return error(410, e.code(), message, details);
    }
    if (outcome instanceof DecisionOutcome.Stale s) {
      Approval approval = s.approval();
      ObjectNode details =
          Json.object().put("approval_id", approval.id()).put("policy_version", approval.policyVersion());
      String message =
          "the policy changed since approval " + approval.id() + " was requested; call the tool again";
      return error(409, s.code(), message, details);
    }
    if (outcome instanceof DecisionOutcome.Forbidden f) {
      ObjectNode details = Json.object().put("approval_id", f.approvalId()).put("reason", f.reason());
      if ("self_approval".equals(f.reason())) {
        details.put("hint", "another approver must decide; single-user set-ups may set TOOLGATE_SELF_APPROVAL=true");
      }
      return error(403, f.code(), f.message(), details);
    }
    throw new IllegalStateException("unmapped decision outcome " + outcome.getClass().getName());
  }

  static int failedStatus(String code) {
    return switch (code) {
      case "not_found" -> 404;
      case "upstream_rejected" -> 422;
      case "upstream_unavailable" -> 503;
      case "timeout" -> 504;
      default -> 500;
    };
  }

  private static ObjectNode decided(Approval approval, String decision, Function<Approval, ObjectNode> view) {
    ObjectNode body = Json.object();
    body.put("approval_id", approval.id());
    body.put("decision", decision);
    body.set("approval", view.apply(approval));
    return body;
  }

  private static HttpReply error(int status, String code, String message, ObjectNode details) {
    return HttpReply.of(status, ErrorBody.of(code, message, details));
  }

  private static String instant(ToolOutcome.ApprovalRequired a) {
    return a.expiresAt() == null ? null : a.expiresAt().toString();
  }
}
