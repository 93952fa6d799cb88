package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.testing.CrashPoint;
import dev.toolgate.ports.testing.InMemorySupportDesk;
import dev.toolgate.ports.tool.Recovery;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway stopped mid-call (a {@link CrashPoint.Crash} thrown from a decorated store, as kill -9
 * would leave things), then a new gateway on the same stores with the clock past the in-flight
 * lease, and the client retrying with the same key: the call runs again only for a tool whose
 * effect is keyed; any other answers {@code outcome_unknown} instead of repeating its effect.
 */
class CrashRecoveryTest {
  private static final Principal AGENT = agent("a");
  private static final String CUSTOMER = DemoSupportData.customers().get(0).id();
  private static final String TICKET = "{\"customer_id\":\"" + CUSTOMER + "\",\"subject\":\"Login fails\"}";
  /** Past the lease of an in-flight record: the execution timeout and its margin. */
  private static final Duration PAST_LEASE = GatewayConfig.defaults().executionTimeout().plusSeconds(6);

  private final Fixture fixture = new Fixture();
  private final InMemorySupportDesk desk = InMemorySupportDesk.withDemoData(fixture.clock);

  @AfterEach
  void close() {
    fixture.close();
  }

  /** A gateway whose idempotency store crashes once at {@code point}. */
  private Toolgate crashingAt(CrashPoint point) {
    Toolgate gateway =
        fixture
            .builder(GatewayConfig.defaults())
            .supportDesk(desk)
            .idempotency(point.idempotency(fixture.idempotency, new AtomicBoolean(true)))
            .build();
    return gateway;
  }

  /** The gateway after the restart: same stores, nothing crashes. */
  private Toolgate restarted() {
    return fixture.builder(GatewayConfig.defaults()).supportDesk(desk).build();
  }

  private static ToolOutcome call(Toolgate gateway, String tool, String json, String key, String requestId) {
    return gateway.calls().call(new CallToolCommand(AGENT, tool, Json.parse(json), key, requestId));
  }

  @Test
  void aTicketCutOffAfterItsEffectIsRunAgainAndFindsTheFirstTicket() {
    try (Toolgate first = crashingAt(CrashPoint.AFTER_EFFECT)) {
      assertThatThrownBy(() -> call(first, "create_ticket", TICKET, "t-1", "req-cut"))
          .isInstanceOf(CrashPoint.Crash.class);
    }
    String ticketId = desk.listTickets(null, 10).get(0).id();

    try (Toolgate second = restarted()) {
      assertThat(call(second, "create_ticket", TICKET, "t-1", "req-early"))
          .as("within the lease the cut-off call still holds the key")
          .isInstanceOf(ToolOutcome.IdempotencyInProgress.class);
      fixture.clock.advance(PAST_LEASE);
      ToolOutcome retry = call(second, "create_ticket", TICKET, "t-1", "req-retry");

      assertThat(retry).isInstanceOf(ToolOutcome.Succeeded.class);
      assertThat(((ToolOutcome.Succeeded) retry).result().structured().path("ticket").path("id").asText())
          .isEqualTo(ticketId);
      assertThat(desk.listTickets(null, 10)).hasSize(1);
      assertThat(((ToolOutcome.Succeeded) call(second, "create_ticket", TICKET, "t-1", "req-again")).idempotentReplay())
          .isTrue();
    }
    assertThat(desk.listTickets(null, 10)).hasSize(1);
    assertThat(fixture.auditRecords())
        .filteredOn(r -> r.entry().requestId().equals("req-retry"))
        .singleElement()
        .satisfies(r -> assertThat(r.entry().outcome()).isEqualTo("executed"));
  }

  @Test
  void aCallOfAToolThatCannotTellIsAnsweredOutcomeUnknownAndNotRunAgain() {
    fixture.tools.add(
        "create_order", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT, invocation -> Json.object());
    try (Toolgate first = crashingAt(CrashPoint.AFTER_EFFECT)) {
      assertThatThrownBy(() -> call(first, "create_order", "{}", "o-1", "req-cut"))
          .isInstanceOf(CrashPoint.Crash.class);
    }
    fixture.clock.advance(PAST_LEASE);

    try (Toolgate second = restarted()) {
      ToolOutcome retry = call(second, "create_order", "{}", "o-1", "req-retry");
      ToolOutcome again = call(second, "create_order", "{}", "o-1", "req-again");

      assertThat(retry).isInstanceOf(ToolOutcome.Failed.class);
      ToolOutcome.Failed unknown = (ToolOutcome.Failed) retry;
      assertThat(unknown.failure()).isEqualTo(FailureCode.OUTCOME_UNKNOWN);
      assertThat(unknown.code()).isEqualTo("outcome_unknown");
      assertThat(unknown.retryable()).isFalse();
      assertThat(unknown.message())
          .contains("request req-cut", "'create_order'", "'o-1'", "new idempotency key",
              "toolgate idempotency forget --key-id a --tool create_order --idempotency-key o-1");
      assertThat(unknown.details().path("cut_off_request_id").asText()).isEqualTo("req-cut");
      assertThat(again).as("the answer is kept under the key").isEqualTo(retry);
    }
    assertThat(fixture.tools.executions("create_order")).isEqualTo(1);
    assertThat(fixture.auditRecords())
        .filteredOn(r -> r.entry().requestId().equals("req-retry"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.entry().outcome()).isEqualTo("failed");
              assertThat(r.entry().code()).isEqualTo("outcome_unknown");
            });
  }

  @Test
  void anAdminClearingAKeyAnsweredOutcomeUnknownLetsTheNextCallRunAsANewCall() {
    fixture.tools.add(
        "create_order", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT, invocation -> Json.object());
    try (Toolgate first = crashingAt(CrashPoint.AFTER_EFFECT)) {
      assertThatThrownBy(() -> call(first, "create_order", "{}", "o-2", "req-cut"))
          .isInstanceOf(CrashPoint.Crash.class);
    }
    fixture.clock.advance(PAST_LEASE);

    try (Toolgate second = restarted()) {
      assertThat(((ToolOutcome.Failed) call(second, "create_order", "{}", "o-2", "req-retry")).failure())
          .isEqualTo(FailureCode.OUTCOME_UNKNOWN);
      assertThatThrownBy(
              () -> second.maintenance().forgetIdempotencyKey(AGENT, "a", "create_order", "o-2", "req-agent"))
          .isInstanceOf(ForbiddenException.class);
      boolean existed =
          second.maintenance()
              .forgetIdempotencyKey(Fixture.principal("root", Role.ADMIN), "a", "create_order", "o-2", "req-forget");
      ToolOutcome after = call(second, "create_order", "{}", "o-2", "req-after");

      assertThat(existed).isTrue();
      assertThat(after).isInstanceOf(ToolOutcome.Succeeded.class);
      assertThat(((ToolOutcome.Succeeded) after).idempotentReplay()).isFalse();
    }
    assertThat(fixture.tools.executions("create_order")).isEqualTo(2);
    assertThat(fixture.auditRecords())
        .extracting(r -> r.entry().requestId() + ":" + r.entry().outcome())
        .contains("req-agent:forbidden", "req-forget:idempotency_key_forgotten");
  }

  @Test
  void aRerunnableCallRetriedWithOtherArgumentsIsAnsweredOutcomeUnknown() {
    try (Toolgate first = crashingAt(CrashPoint.AFTER_EFFECT)) {
      assertThatThrownBy(() -> call(first, "create_ticket", TICKET, "t-2", "req-cut"))
          .isInstanceOf(CrashPoint.Crash.class);
    }
    fixture.clock.advance(PAST_LEASE);
    String other = "{\"customer_id\":\"" + CUSTOMER + "\",\"subject\":\"Something else\"}";

    try (Toolgate second = restarted()) {
      ToolOutcome retry = call(second, "create_ticket", other, "t-2", "req-other");

      assertThat(retry).isInstanceOf(ToolOutcome.Failed.class);
      assertThat(((ToolOutcome.Failed) retry).failure()).isEqualTo(FailureCode.OUTCOME_UNKNOWN);
    }
    assertThat(desk.listTickets(null, 10)).extracting(t -> t.subject()).containsExactly("Login fails");
  }

  @Test
  void aCallCutOffRightAfterItsReservationRunsOnceWhenRerunnable() {
    try (Toolgate first = crashingAt(CrashPoint.AFTER_RESERVE)) {
      assertThatThrownBy(() -> call(first, "create_ticket", TICKET, "t-3", "req-cut"))
          .isInstanceOf(CrashPoint.Crash.class);
    }
    assertThat(desk.listTickets(null, 10)).isEmpty();
    fixture.clock.advance(PAST_LEASE);

    try (Toolgate second = restarted()) {
      assertThat(call(second, "create_ticket", TICKET, "t-3", "req-retry")).isInstanceOf(ToolOutcome.Succeeded.class);
    }
    assertThat(desk.listTickets(null, 10)).hasSize(1);
  }

  @Test
  void supportDeskWritesDeclareThatTheyMayRunAgain() {
    try (Toolgate gateway = restarted()) {
      assertThat(gateway.catalog().visibleTo(AGENT))
          .filteredOn(t -> !t.annotations().readOnly())
          .extracting(t -> t.name() + ":" + t.annotations().recovery())
          .containsExactlyInAnyOrder(
              "create_ticket:" + Recovery.RERUN, "send_message:" + Recovery.RERUN,
              "update_customer_status:" + Recovery.RERUN);
    }
  }
}
