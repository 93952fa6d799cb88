package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.app.http.SettingsException;
import dev.toolgate.core.ForbiddenException;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.ConflictException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.state.Approval;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Approval APPROVAL =
      Approval.pending(
          "apr_1", "key_a", null, "update_customer_status", Json.object(), "f".repeat(64), "pv1", null,
          "req-1", NOW, NOW.plusSeconds(3600));

  @Test
  void mapsEveryToolOutcomeToItsDocumentedCode() {
    assertThat(ExitCodes.of(new ToolOutcome.Succeeded("t", ToolResult.of(Json.object()), false, false, 0, null))).isEqualTo(0);
    assertThat(ExitCodes.of(new ToolOutcome.Failed("t", FailureCode.INTERNAL_ERROR, "boom", false))).isEqualTo(1);
    assertThat(ExitCodes.of(new ToolOutcome.Failed("t", FailureCode.CLIENT_NOT_ALLOWED, "other client", false))).isEqualTo(3);
    assertThat(ExitCodes.of(new ToolOutcome.Failed("t", FailureCode.UNAVAILABLE, "shutting down", true))).isEqualTo(1);
    assertThat(ExitCodes.of(new ToolOutcome.Denied("t", "key_deny", "no"))).isEqualTo(3);
    assertThat(ExitCodes.of(new ToolOutcome.Invalid("t", List.of(new FieldError("/q", "missing"))))).isEqualTo(4);
    assertThat(ExitCodes.of(new ToolOutcome.ApprovalRequired("t", "apr_1", NOW, false))).isEqualTo(5);
    assertThat(ExitCodes.of(new ToolOutcome.IdempotencyKeyReused("t", "k"))).isEqualTo(6);
    assertThat(ExitCodes.of(new ToolOutcome.IdempotencyInProgress("t", "k"))).isEqualTo(6);
    assertThat(ExitCodes.of(new ToolOutcome.RateLimited("t", "key", 100))).isEqualTo(7);
    assertThat(ExitCodes.of(new ToolOutcome.UnknownTool("t"))).isEqualTo(8);
    assertThat(ExitCodes.of(new ToolOutcome.ApprovalRejected("t", "apr_1", "key_b", "no"))).isEqualTo(9);
    assertThat(ExitCodes.of(new ToolOutcome.ApprovalExpired("t", "apr_1"))).isEqualTo(9);
  }

  @Test
  void anApprovalExitsAsTheCallItRan() {
    ToolOutcome ran = new ToolOutcome.Succeeded("t", ToolResult.of(Json.object()), false, false, 0, "apr_1");
    ToolOutcome failed = new ToolOutcome.Failed("t", FailureCode.NOT_FOUND, "no customer", false);

    assertThat(ExitCodes.of(new DecisionOutcome.Approved(APPROVAL, ran))).isEqualTo(0);
    assertThat(ExitCodes.of(new DecisionOutcome.Approved(APPROVAL, failed))).isEqualTo(1);
  }

  @Test
  void mapsEveryOtherDecisionToItsDocumentedCode() {
    assertThat(ExitCodes.of(new DecisionOutcome.Rejected(APPROVAL))).isEqualTo(0);
    assertThat(ExitCodes.of(new DecisionOutcome.Forbidden("apr_1", "self_approval", "own request"))).isEqualTo(3);
    assertThat(ExitCodes.of(new DecisionOutcome.AlreadyDecided(APPROVAL))).isEqualTo(6);
    assertThat(ExitCodes.of(new DecisionOutcome.Stale(APPROVAL))).isEqualTo(6);
    assertThat(ExitCodes.of(new DecisionOutcome.NotFound("apr_x"))).isEqualTo(8);
    assertThat(ExitCodes.of(new DecisionOutcome.Expired(APPROVAL))).isEqualTo(9);
  }

  @Test
  void mapsFailuresThatEscapeACommand() {
    assertThat(ExitCodes.of(new CliException(ExitCodes.NOT_FOUND, "no tool"))).isEqualTo(8);
    assertThat(ExitCodes.of(new SettingsException(List.of("RATE_LIMIT: bad")))).isEqualTo(10);
    assertThat(ExitCodes.of(new ForbiddenException("admins only"))).isEqualTo(3);
    assertThat(ExitCodes.of(new NotFoundException("no key"))).isEqualTo(8);
    assertThat(ExitCodes.of(new ConflictException("taken"))).isEqualTo(6);
    assertThat(ExitCodes.of(new IllegalArgumentException("blank name"))).isEqualTo(4);
    assertThat(ExitCodes.of(new UnavailableException("disk gone"))).isEqualTo(1);
  }
}
