package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.approval.DecideCommand;
import dev.toolgate.core.approval.Decision;
import dev.toolgate.core.approval.DecisionOutcome;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.support.DemoSupportData;
import dev.toolgate.ports.support.Ticket;
import dev.toolgate.ports.testing.CrashPoint;
import dev.toolgate.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9's crash test in process, over real SQLite files: the gateway is stopped at each step
 * boundary of a keyed {@code create_ticket} (a {@link CrashPoint.Crash} nothing catches, after which
 * nothing else runs), the files are reopened by a new gateway whose clock is past the in-flight lease,
 * and the client retries with the same key until it gets a definitive answer. Whatever the point:
 * one ticket, the acknowledged answer audited, and the audit chain intact.
 */
class CrashAtEachStepIntegrationTest {
  private static final Principal AGENT =
      new Principal("agent1", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);
  private static final Principal APPROVER =
      new Principal("approver", "approver", Set.of(Role.APPROVER), null, Set.of(), Set.of(), null);
  private static final Principal OPERATOR =
      new Principal("op", "op", Set.of(Role.OPERATOR), null, Set.of(), Set.of(), null);
  private static final String SUBJECT = "Crash test " + CrashAtEachStepIntegrationTest.class.getSimpleName();
  private static final String ARGUMENTS =
      "{\"customer_id\":\"" + DemoSupportData.customers().get(0).id() + "\",\"subject\":\"" + SUBJECT + "\"}";
  private static final Duration PAST_LEASE = GatewayConfig.defaults().executionTimeout().plusSeconds(6);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

  private Toolgate gateway(SqliteStores stores, CrashPoint crash) {
    return gateway(stores, crash, new AtomicBoolean(true), GatewayConfig.defaults());
  }

  private Toolgate gateway(SqliteStores stores, CrashPoint crash, AtomicBoolean armed, GatewayConfig config) {
    var builder = Toolgate.builder().stores(stores).supportDesk(stores.supportDesk()).clock(clock).config(config);
    if (crash != null) {
      builder.idempotency(crash.idempotency(stores.idempotency(), armed)).audit(crash.audit(stores.audit(), armed));
    }
    return builder.build();
  }

  private static ToolOutcome createTicket(Toolgate gateway, String requestId) {
    return gateway.calls().call(new CallToolCommand(AGENT, "create_ticket", Json.parse(ARGUMENTS), "crash-key", requestId));
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aCrashAtAnyStepLeavesOneTicketAnAuditedAnswerAndAnIntactChain(CrashPoint point) {
    SqliteConfig config = new SqliteConfig(dir.resolve("toolgate.db"));
    try (SqliteStores stores = SqliteStores.open(config); Toolgate first = gateway(stores, point)) {
      assertThatThrownBy(() -> createTicket(first, "req-cut")).isInstanceOf(CrashPoint.Crash.class);
    }

    clock.advance(PAST_LEASE);
    try (SqliteStores stores = SqliteStores.open(config); Toolgate restarted = gateway(stores, null)) {
      ToolOutcome answer = null;
      String answeredRequest = null;
      for (int attempt = 1; attempt <= 5; attempt++) {
        answeredRequest = "req-retry-" + attempt;
        answer = createTicket(restarted, answeredRequest);
        if (!(answer instanceof ToolOutcome.IdempotencyInProgress)) {
          break;
        }
        clock.advance(PAST_LEASE);
      }

      assertThat(answer).as("the definitive answer after a crash %s", point).isInstanceOf(ToolOutcome.Succeeded.class);
      List<Ticket> tickets =
          stores.supportDesk().listTickets(null, 100).stream().filter(t -> t.subject().equals(SUBJECT)).toList();
      assertThat(tickets).as("tickets after a crash %s", point).hasSize(1);
      assertThat(((ToolOutcome.Succeeded) answer).result().structured().path("ticket").path("id").asText())
          .isEqualTo(tickets.get(0).id());
      String acknowledged = answeredRequest;
      List<AuditRecord> records = stores.audit().read(AuditQuery.page(null, AuditQuery.MAX_LIMIT));
      assertThat(records).as("audit of the acknowledged answer").anySatisfy(r -> {
        assertThat(r.entry().requestId()).isEqualTo(acknowledged);
        assertThat(r.entry().tool()).isEqualTo("create_ticket");
      });
      ChainVerification chain = restarted.audit().verify(OPERATOR);
      assertThat(chain.valid()).as("audit chain after a crash %s: %s", point, chain.problem()).isTrue();
    }
  }

  /**
   * The same over the approval path: {@code create_ticket} needs approval by policy, the gateway is
   * stopped at each step boundary of the approved run, and after the lease the requester retries its
   * key: one ticket, the approval and the key hold the answer, which is audited, chain intact.
   */
  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void anApprovedCallCutOffAtAnyStepLeavesOneTicketAndAnAuditedAnswer(CrashPoint point) {
    SqliteConfig config = new SqliteConfig(dir.resolve("toolgate.db"));
    GatewayConfig approvals = GatewayConfig.custom().approvalRequiredTools(Set.of("create_ticket")).build();
    String approvalId;
    try (SqliteStores stores = SqliteStores.open(config)) {
      AtomicBoolean armed = new AtomicBoolean(false);
      try (Toolgate first = gateway(stores, point, armed, approvals)) {
        ToolOutcome parked = createTicket(first, "req-call");
        assertThat(parked).isInstanceOf(ToolOutcome.ApprovalRequired.class);
        approvalId = ((ToolOutcome.ApprovalRequired) parked).approvalId();
        armed.set(true);
        assertThatThrownBy(
                () -> first.approvals().decide(new DecideCommand(APPROVER, approvalId, Decision.APPROVE, null, "req-decide")))
            .isInstanceOf(CrashPoint.Crash.class);
      }
    }

    clock.advance(PAST_LEASE);
    try (SqliteStores stores = SqliteStores.open(config);
        Toolgate restarted = gateway(stores, null, new AtomicBoolean(false), approvals)) {
      ToolOutcome answer = createTicket(restarted, "req-retry");
      DecisionOutcome again =
          restarted.approvals().decide(new DecideCommand(APPROVER, approvalId, Decision.APPROVE, null, "req-again"));

      assertThat(answer).as("the answer after a crash %s", point).isInstanceOf(ToolOutcome.Succeeded.class);
      assertThat(again.kind()).isEqualTo(DecisionOutcome.Kind.ALREADY_DECIDED);
      List<Ticket> tickets =
          stores.supportDesk().listTickets(null, 100).stream().filter(t -> t.subject().equals(SUBJECT)).toList();
      assertThat(tickets).as("tickets after a crash %s", point).hasSize(1);
      assertThat(((ToolOutcome.Succeeded) answer).result().structured().path("ticket").path("id").asText())
          .isEqualTo(tickets.get(0).id());
      assertThat(stores.approvals().find(approvalId).orElseThrow().outcome()).isNotNull();
      List<AuditRecord> records = stores.audit().read(AuditQuery.page(null, AuditQuery.MAX_LIMIT));
      assertThat(records).as("audit of the acknowledged answer").anySatisfy(r -> {
        assertThat(r.entry().requestId()).isEqualTo("req-retry");
        assertThat(r.entry().tool()).isEqualTo("create_ticket");
      });
      ChainVerification chain = restarted.audit().verify(OPERATOR);
      assertThat(chain.valid()).as("audit chain after a crash %s: %s", point, chain.problem()).isTrue();
    }
  }
}
