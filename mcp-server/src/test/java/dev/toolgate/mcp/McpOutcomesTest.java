package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.state.ApprovalStatus;
import dev.toolgate.ports.tool.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpOutcomesTest {
  private static final Instant EXPIRES = Instant.parse("2026-06-01T12:00:00Z");
  private static final ToolOutcome.ApprovalRequired PENDING =
      new ToolOutcome.ApprovalRequired("update_customer_status", "apr_1", EXPIRES, false);

  private static JsonNode structured(CallToolResult result) {
    return Json.mapper().valueToTree(result.structuredContent());
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void successCarriesTheResultAsStructuredContentAndAsJsonText() {
    JsonNode value = Json.parse("{\"ticket\":{\"id\":\"t_1\"}}");
    CallToolResult result =
        McpOutcomes.result(new ToolOutcome.Succeeded("create_ticket", ToolResult.of(value), true, false, 0, "apr_9"), "r-1", "k");

    assertThat(result.isError()).isFalse();
    assertThat(structured(result)).isEqualTo(value);
    assertThat(Json.parse(text(result))).isEqualTo(value);
    assertThat(result.meta())
        .containsEntry("dev.toolgate/request_id", "r-1")
        .containsEntry("dev.toolgate/idempotent_replay", true)
        .containsEntry("dev.toolgate/approval_id", "apr_9");
  }

  @Test
  void everyRefusalIsAnErrorResultWithItsCodeDetailsAndWhetherToRetry() {
    CallToolResult denied = McpOutcomes.result(new ToolOutcome.Denied("t", "key_deny", "no"), "r", null);
    CallToolResult limited = McpOutcomes.result(new ToolOutcome.RateLimited("t", "key", 1500), "r", null);
    CallToolResult invalid =
        McpOutcomes.result(new ToolOutcome.Invalid("t", List.of(new FieldError("/limit", "must be at most 50"))), "r", null);
    CallToolResult reused = McpOutcomes.result(new ToolOutcome.IdempotencyKeyReused("t", "k1"), "r", "k1");
    CallToolResult inProgress = McpOutcomes.result(new ToolOutcome.IdempotencyInProgress("t", "k1"), "r", "k1");
    CallToolResult failed = McpOutcomes.result(new ToolOutcome.Failed("t", FailureCode.UPSTREAM_UNAVAILABLE, "down", true), "r", null);
    CallToolResult rejected = McpOutcomes.result(new ToolOutcome.ApprovalRejected("t", "apr_2", "key_b", "no"), "r", null);
    CallToolResult expired = McpOutcomes.result(new ToolOutcome.ApprovalExpired("t", "apr_3"), "r", null);

    assertThat(List.of(denied, limited, invalid, reused, inProgress, failed, rejected, expired))
        .allSatisfy(result -> assertThat(result.isError()).isTrue());
    assertThat(structured(denied).at("/error/code").asText()).isEqualTo("tool_not_allowed");
    assertThat(structured(denied).at("/error/details/rule").asText()).isEqualTo("key_deny");
    assertThat(structured(limited).at("/error/details/retry_after_ms").asLong()).isEqualTo(1500);
    assertThat(structured(limited).path("retryable").asBoolean()).isTrue();
    assertThat(text(limited)).contains("1500 ms");
    assertThat(structured(invalid).at("/error/details/errors/0/field").asText()).isEqualTo("/limit");
    assertThat(text(invalid)).contains("/limit: must be at most 50");
    assertThat(structured(reused).at("/error/code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(structured(reused).path("retryable").asBoolean()).isFalse();
    assertThat(structured(inProgress).path("retryable").asBoolean()).isTrue();
    assertThat(structured(failed).path("retryable").asBoolean()).isTrue();
    assertThat(structured(rejected).at("/error/details/decided_by").asText()).isEqualTo("key_b");
    assertThat(structured(expired).at("/error/code").asText()).isEqualTo("approval_expired");
    assertThat(denied.meta()).containsEntry("dev.toolgate/request_id", "r");
  }

  @Test
  void aPendingApprovalSaysWhereToReadItAndHowToGetTheOutcome() {
    CallToolResult withKey = McpOutcomes.result(PENDING, "r", "status-7");
    CallToolResult withoutKey = McpOutcomes.result(PENDING, "r", null);

    assertThat(structured(withKey).at("/error/code").asText()).isEqualTo("approval_required");
    assertThat(structured(withKey).at("/error/details/approval_id").asText()).isEqualTo("apr_1");
    assertThat(structured(withKey).at("/error/details/resource").asText()).isEqualTo("toolgate://approvals/apr_1");
    assertThat(text(withKey)).contains("toolgate://approvals/apr_1", "'status-7'", "/confirm/apr_1");
    assertThat(text(withoutKey)).contains("toolgate://approvals/apr_1").doesNotContain("idempotency_key '");
  }

  @Test
  void anUnknownToolIsProtocolMisuse() {
    assertThatThrownBy(() -> McpOutcomes.result(new ToolOutcome.UnknownTool("nope"), "r", null))
        .isInstanceOfSatisfying(
            McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
  }

  @Test
  void anInlineDecisionEndsInTheCallsOutcomeARejectionOrTheStillPendingApproval() {
    Approval decided = approval(ApprovalStatus.REJECTED, "key_b", "not today");
    ToolOutcome ran = new ToolOutcome.Succeeded("update_customer_status", ToolResult.of(Json.object()), false, false, 0, "apr_1");

    CallToolResult approved = McpOutcomes.decided(PENDING, new DecisionOutcome.Approved(decided, ran), "r", null);
    CallToolResult rejected = McpOutcomes.decided(PENDING, new DecisionOutcome.Rejected(decided), "r", null);
    CallToolResult forbidden =
        McpOutcomes.decided(
            PENDING, new DecisionOutcome.Forbidden("apr_1", "self_approval", "not your own"), "r", null);

    assertThat(approved.isError()).isFalse();
    assertThat(structured(rejected).at("/error/code").asText()).isEqualTo("approval_rejected");
    assertThat(structured(rejected).at("/error/details/reason").asText()).isEqualTo("not today");
    assertThat(structured(forbidden).at("/error/code").asText()).isEqualTo("approval_required");
    assertThat(structured(forbidden).at("/error/details/inline_approval/code").asText()).isEqualTo("approval_forbidden");
    assertThat(text(forbidden)).contains("not your own");
  }

  private static Approval approval(ApprovalStatus status, String decidedBy, String reason) {
    return new Approval(
        "apr_1", "key_a", null, "update_customer_status", Json.object(), "f", "p", null, "r", status,
        EXPIRES.minusSeconds(60), EXPIRES, decidedBy, EXPIRES.minusSeconds(30), reason, null);
  }
}
