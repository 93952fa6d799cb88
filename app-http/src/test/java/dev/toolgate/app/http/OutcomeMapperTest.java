package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeMapperTest {
  private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
  private static final Function<Approval, ObjectNode> VIEW = a -> Json.object().put("id", a.id());

  private static void assertErrorShape(HttpReply reply, int status, String code) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.body().path("error").path("code").asText()).isEqualTo(code);
    assertThat(reply.body().path("error").path("message").asText()).isNotBlank();
    assertThat(reply.body().path("error").path("details").isObject()).isTrue();
  }

  private static Approval approval(ApprovalStatus status) {
    return new Approval(
        "apr_1", "key_a", null, "update_customer_status", Json.object(), "f".repeat(64), "pv1", null, "req-1",
        status, NOW, NOW.plusSeconds(60), status == ApprovalStatus.PENDING ? null : "key_b",
        status == ApprovalStatus.PENDING ? null : NOW, null, null);
  }

  @Test
  void successCarriesResultReplayAndCache() {
    HttpReply reply =
        OutcomeMapper.toolCall(new ToolOutcome.Succeeded("search_customer", ToolResult.of(Json.object().put("n", 1)), true, true, 42, null));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("success").asBoolean()).isTrue();
    assertThat(reply.body().path("tool_name").asText()).isEqualTo("search_customer");
    assertThat(reply.body().path("result").path("n").asInt()).isEqualTo(1);
    assertThat(reply.body().path("idempotent_replay").asBoolean()).isTrue();
    assertThat(reply.body().path("cache").path("hit").asBoolean()).isTrue();
    assertThat(reply.body().path("cache").path("age_ms").asLong()).isEqualTo(42);
    assertThat(reply.headers()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void approvalRequiredIsAcceptedWithBothIdNames() {
    HttpReply reply =
        OutcomeMapper.toolCall(new ToolOutcome.ApprovalRequired("update_customer_status", "apr_9", NOW, false));

    assertErrorShape(reply, 202, "approval_required");
    assertThat(reply.body().path("approval_id").asText()).isEqualTo("apr_9");
    assertThat(reply.body().path("pending_action_id").asText()).isEqualTo("apr_9");
    assertThat(reply.body().path("requires_confirmation").asBoolean()).isTrue();
    assertThat(reply.body().path("expires_at").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void everyErrorOutcomeHasItsStatus() {
    assertErrorShape(OutcomeMapper.toolCall(new ToolOutcome.UnknownTool("x")), 404, "unknown_tool");
    HttpReply denied = OutcomeMapper.toolCall(new ToolOutcome.Denied("x", "key_deny", "no"));
    assertErrorShape(denied, 403, "tool_not_allowed");
    assertThat(denied.body().path("error").path("details").path("rule").asText()).isEqualTo("key_deny");
    HttpReply limited = OutcomeMapper.toolCall(new ToolOutcome.RateLimited("x", "key", 1500));
    assertErrorShape(limited, 429, "rate_limited");
    assertThat(limited.headers()).containsEntry("Retry-After", "2");
    assertThat(limited.body().path("error").path("details").path("retry_after_ms").asLong()).isEqualTo(1500);
    HttpReply invalid = OutcomeMapper.toolCall(new ToolOutcome.Invalid("x", List.of(new FieldError("/q", "required"))));
    assertErrorShape(invalid, 400, "invalid_arguments");
    assertThat(invalid.body().path("error").path("details").path("errors").get(0).path("field").asText()).isEqualTo("/q");
    assertErrorShape(OutcomeMapper.toolCall(new ToolOutcome.IdempotencyKeyReused("x", "k")), 422, "idempotency_key_reused");
    HttpReply inProgress = OutcomeMapper.toolCall(new ToolOutcome.IdempotencyInProgress("x", "k"));
    assertErrorShape(inProgress, 409, "idempotency_in_progress");
    assertThat(inProgress.headers()).containsEntry("Retry-After", "1");
    assertErrorShape(OutcomeMapper.toolCall(new ToolOutcome.ApprovalRejected("x", "apr", "key_b", "no")), 409, "approval_rejected");
    assertErrorShape(OutcomeMapper.toolCall(new ToolOutcome.ApprovalExpired("x", "apr")), 410, "approval_expired");
  }

  @ParameterizedTest
  @CsvSource({
    "not_found, 404",
    "upstream_rejected, 422",
    "upstream_unavailable, 503",
    "unavailable, 503",
    "timeout, 504",
    "internal_error, 500",
    "validation_failed, 422",
    "client_not_allowed, 403",
    "tool_error, 422"
  })
  void failedOutcomesMapByCode(String code, int status) {
    assertErrorShape(OutcomeMapper.toolCall(new ToolOutcome.Failed("x", FailureCode.parse(code), "it failed", false)), status, code);
  }

  @Test
  void aCallTheGatewayCouldNotStartIsRetryableLater() {
    HttpReply reply =
        OutcomeMapper.toolCall(new ToolOutcome.Failed("x", FailureCode.UNAVAILABLE, "the gateway is shutting down", true));

    assertErrorShape(reply, 503, "unavailable");
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
    assertThat(reply.body().path("error").path("details").path("retryable").asBoolean()).isTrue();
  }

  @Test
  void decisionsMapToTheirStatuses() {
    HttpReply approved =
        OutcomeMapper.decision(
            new DecisionOutcome.Approved(
                approval(ApprovalStatus.APPROVED),
                new ToolOutcome.Succeeded("update_customer_status", ToolResult.of(Json.object()), false, false, 0, "apr_1")),
            VIEW);
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.body().path("success").asBoolean()).isTrue();
    assertThat(approved.body().path("execution").path("http_status").asInt()).isEqualTo(200);
    assertThat(approved.body().path("approval").path("id").asText()).isEqualTo("apr_1");

    HttpReply failedRun =
        OutcomeMapper.decision(
            new DecisionOutcome.Approved(
                approval(ApprovalStatus.APPROVED), new ToolOutcome.Failed("update_customer_status", FailureCode.TIMEOUT, "slow", true)),
            VIEW);
    assertThat(failedRun.status()).isEqualTo(200);
    assertThat(failedRun.body().path("success").asBoolean()).isFalse();
    assertThat(failedRun.body().path("execution").path("error").path("code").asText()).isEqualTo("timeout");

    assertThat(OutcomeMapper.decision(new DecisionOutcome.Rejected(approval(ApprovalStatus.REJECTED)), VIEW).status())
        .isEqualTo(200);
    assertErrorShape(OutcomeMapper.decision(new DecisionOutcome.NotFound("apr_x"), VIEW), 404, "approval_not_found");
    assertErrorShape(
        OutcomeMapper.decision(new DecisionOutcome.AlreadyDecided(approval(ApprovalStatus.APPROVED)), VIEW),
        409, "approval_already_decided");
    assertErrorShape(
        OutcomeMapper.decision(new DecisionOutcome.Expired(approval(ApprovalStatus.PENDING)), VIEW), 410, "approval_expired");
    assertErrorShape(
        OutcomeMapper.decision(new DecisionOutcome.Stale(approval(ApprovalStatus.PENDING)), VIEW), 409, "approval_stale");
    HttpReply self =
        OutcomeMapper.decision(new DecisionOutcome.Forbidden("apr_1", "self_approval", "not yours"), VIEW);
    assertErrorShape(self, 403, "approval_forbidden");
    assertThat(self.body().path("error").path("details").path("hint").asText()).contains("TOOLGATE_SELF_APPROVAL");
    HttpReply unaudited =
        OutcomeMapper.decision(new DecisionOutcome.Unavailable("apr_1", approval(ApprovalStatus.APPROVED)), VIEW);
    assertErrorShape(unaudited, 503, "unavailable");
    assertThat(unaudited.headers()).containsEntry("Retry-After", "1");
    assertThat(unaudited.body().path("error").path("details").path("retryable").asBoolean()).isTrue();
  }
}
