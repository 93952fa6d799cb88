package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;

/**
 * Approvals: listing, polling and deciding ({@code POST /confirm/{id}}, seed 001's name). Arguments
 * are shown, since an approver must see what they approve, with sensitive values masked.
 */
final class ApprovalRoutes {
  private static final Set<String> CONFIRM_FIELDS = Set.of("decision", "approve", "reason");

  private final Toolgate toolgate;
  private final Authenticator auth;
  private final Requests requests;
  private final Clock clock;

  ApprovalRoutes(Toolgate toolgate, Authenticator auth, Requests requests, Clock clock) {
    this.toolgate = toolgate;
    this.auth = auth;
    this.requests = requests;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/approvals", this::list);
    routes.get("/approvals/{id}", this::find);
    routes.post("/confirm/{id}", this::confirm);
  }

  private void list(Context ctx) {
    Principal principal = auth.require(ctx);
    String statusText = Requests.param(ctx, "status");
    ApprovalStatus status = null;
    if (statusText != null && !statusText.equalsIgnoreCase("all")) {
      try {
        status = ApprovalStatus.parse(statusText);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidRequest("status", e.getMessage() + " or all");
      }
    }
    int limit = Requests.intParam(ctx, "limit", 50, 1, 500);
    ObjectNode body = Json.object();
    ArrayNode approvals = body.putArray("approvals");
    toolgate.approvals().list(principal, status, limit).forEach(a -> approvals.add(view(a)));
    Replies.ok(ctx, body);
  }

  private void find(Context ctx) {
    Principal principal = auth.require(ctx);
    String id = ctx.pathParam("id");
    Approval approval =
        toolgate.approvals().find(principal, id)
            .orElseThrow(() -> new ApiException(404, "approval_not_found", "no approval with id '" + id + "'"));
    ObjectNode body = Json.object();
    body.set("approval", view(approval));
    Replies.ok(ctx, body);
  }

  private void confirm(Context ctx) {
    Principal principal = auth.require(ctx);
    ObjectNode body = requests.object(ctx, "invalid_request", false);
    for (String field : (Iterable<String>) body::fieldNames) {
      if (!CONFIRM_FIELDS.contains(field)) {
        throw ApiException.invalidRequest(
            "/" + field,
            "unknown field '" + field + "'; expected 'decision' (approve or reject) and optionally 'reason'");
      }
    }
    Decision decision = decision(body);
    String reason = Requests.optionalText(body, "reason");
    var command =
        new DecideCommand(principal, ctx.pathParam("id"), decision, reason, RequestLifecycle.requestId(ctx));
    var outcome = toolgate.approvals().decide(command);
    Replies.send(ctx, OutcomeMapper.decision(outcome, this::view));
  }

  /** {@code "decision": "approve"|"reject"}, or seed 001's {@code "approve": true|false}. */
  private static Decision decision(ObjectNode body) {
    JsonNode decision = body.get("decision");
    JsonNode approve = body.get("approve");
    if (decision != null && approve != null) {
      throw ApiException.invalidRequest("/decision", "send either 'decision' or 'approve', not both");
    }
    if (decision != null) {
      if (!decision.isTextual()) {
        throw ApiException.invalidRequest(
            "/decision", "'decision' must be the string approve or reject, got " + Requests.typeName(decision));
      }
      try {
        return Decision.parse(decision.asText());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidRequest("/decision", e.getMessage());
      }
    }
    if (approve != null) {
      if (!approve.isBoolean()) {
        throw ApiException.invalidRequest(
            "/approve", "'approve' must be true or false, got " + Requests.typeName(approve));
      }
      return approve.asBoolean() ? Decision.APPROVE : Decision.REJECT;
    }
    throw ApiException.invalidRequest("/decision", "'decision' is required: approve or reject");
  }

  private ObjectNode view(Approval approval) {
    return JsonViews.approval(approval, clock.instant());
  }
}
