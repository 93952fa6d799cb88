package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.FieldError;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.OutcomeCodec;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolContent;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OutcomeCodecTest {
  static Stream<ToolOutcome> everyVariant() {
    return Stream.of(
        new ToolOutcome.Succeeded("t", ToolResult.of(Json.parse("{\"a\":[1,{\"b\":null}]}")), false, false, 0, null),
        new ToolOutcome.Succeeded(
            "t",
            new ToolResult(
                null,
                List.of(
                    ToolContent.text("hi"),
                    new ToolContent.Image("aGk=", "image/png", Json.parse("{\"priority\":1}"), null),
                    new ToolContent.Audio("aGk=", "audio/wav", null, Json.parse("{\"x\":1}")),
                    new ToolContent.EmbeddedResource("file:///a", "text/plain", "body", null, null, null),
                    new ToolContent.ResourceLink("file:///b", "b", "B", "a link", "text/plain", 12L, null, null)),
                false,
                Json.parse("{\"m\":true}")),
            true, true, 1234, "apr_1"),
        new ToolOutcome.UnknownTool("nope"),
        new ToolOutcome.Denied("t", "role:write", "needs a role"),
        new ToolOutcome.RateLimited("t", "client", 40_000),
        new ToolOutcome.Invalid("t", List.of(new FieldError("", "not an object"), new FieldError("/a/0", "bad"))),
        new ToolOutcome.IdempotencyKeyReused("t", "k-1"),
        new ToolOutcome.IdempotencyInProgress("t", "k-2"),
        new ToolOutcome.ApprovalRequired("t", "apr_x", Instant.parse("2026-03-02T10:00:00.123Z"), true),
        new ToolOutcome.ApprovalRejected("t", "apr_x", "approver", "too risky"),
        new ToolOutcome.ApprovalRejected("t", "apr_x", "approver", null),
        new ToolOutcome.ApprovalExpired("t", "apr_x"),
        new ToolOutcome.Failed("t", FailureCode.UPSTREAM_UNAVAILABLE, "crm down", true),
        new ToolOutcome.Failed(
            "t", FailureCode.VALIDATION_FAILED, "totals do not add up", false,
            (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{\"discrepancies\":[{\"field\":\"ttc\"}]}"),
            null),
        new ToolOutcome.Failed("t", FailureCode.TOOL_ERROR, "boom", false, null, ToolResult.error("boom")));
  }

  @ParameterizedTest
  @MethodSource("everyVariant")
  void roundTripsThroughJsonText(ToolOutcome outcome) {
    String stored = Json.write(OutcomeCodec.encode(outcome));

    assertThat(OutcomeCodec.decode(Json.parse(stored))).isEqualTo(outcome);
  }

  @Test
  void refusesAnUnknownKind() {
    assertThatThrownBy(() -> OutcomeCodec.decode(Json.parse("{\"kind\":\"teleported\",\"tool\":\"t\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("teleported");
    assertThatThrownBy(() -> OutcomeCodec.decode(Json.parse("[]"))).isInstanceOf(IllegalArgumentException.class);
  }
}
