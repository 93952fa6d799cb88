package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.Approval;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonViewsTest {
  private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");

  private static Approval pending(String tool, String argumentsJson) {
    return Approval.pending(
        "apr_1", "key_a", null, tool, Json.parse(argumentsJson), "f".repeat(64), "pv", null, "req", NOW,
        NOW.plusSeconds(5));
  }

  @Test
  void approvalReportsItsEffectiveStatus() {
    Approval approval =
        Approval.pending("apr_1", "key_a", null, "tool", Json.object(), "f".repeat(64), "pv", null, "req", NOW, NOW.plusSeconds(5));

    assertThat(JsonViews.approval(approval, NOW).path("status").asText()).isEqualTo("pending");
    assertThat(JsonViews.approval(approval, NOW.plusSeconds(5)).path("status").asText()).isEqualTo("expired");
  }

  @Test
  void keyViewNeverShowsTheHash() {
    String hash = "a".repeat(64);
    ApiKey key = new ApiKey("k1", "bot", hash, Set.of(Role.AGENT), null, Set.of(), Set.of(), null, NOW, null);

    var view = JsonViews.key(key);

    assertThat(view.toString()).doesNotContain(hash).doesNotContain("hash");
    assertThat(view.path("roles").toString()).isEqualTo("[\"agent\"]");
    assertThat(view.path("active").asBoolean()).isTrue();
  }


  @Test
  void approvedDecisionCarriesTheCallsBodyWithoutHttpMembers() {
    var approved =
        new DecisionOutcome.Approved(
            pending("update_note", "{}"), new ToolOutcome.Failed("update_note", FailureCode.TIMEOUT, "slow", true));

    var body = JsonViews.decision(approved, a -> Json.object().put("id", a.id()));

    assertThat(body.path("decision").asText()).isEqualTo("approved");
    assertThat(body.path("success").asBoolean()).isFalse();
    assertThat(body.path("approval").path("id").asText()).isEqualTo("apr_1");
    assertThat(body.path("execution")).isEqualTo(JsonViews.toolCall(approved.execution()));
    assertThat(body.path("execution").has("http_status")).isFalse();
    assertThat(body.has("request_id")).isFalse();
  }

  @Test
  void approvalRequiredBodyCarriesTheApprovalAtTheTopAndInTheDetails() {
    var body = JsonViews.toolCall(new ToolOutcome.ApprovalRequired("update_note", "apr_9", NOW, true));

    assertThat(body.path("success").asBoolean()).isFalse();
    assertThat(body.path("requires_confirmation").asBoolean()).isTrue();
    assertThat(body.path("pending_action_id").asText()).isEqualTo("apr_9");
    assertThat(body.path("idempotent_replay").asBoolean()).isTrue();
    assertThat(body.path("error").path("code").asText()).isEqualTo("approval_required");
    assertThat(body.path("error").path("details").path("approval_id").asText()).isEqualTo("apr_9");
    assertThat(body.path("error").path("details").path("expires_at").asText()).isEqualTo(NOW.toString());
  }
}
