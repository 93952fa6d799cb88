package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.clientAgent;
import static dev.toolgate.core.Fixture.limitedAgent;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.testing.ForwardingAuditLog;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditTest {
  private final Fixture fixture = new Fixture();
  private final Principal operator = principal("op", Role.OPERATOR);

  AuditTest() {
    fixture.tools
        .read("lookup")
        .write("create_order")
        .approvalWrite("suspend_customer")
        .add("strict", ToolCategory.READ, ToolAnnotations.read(),
            Json.parse("{\"type\":\"object\",\"required\":[\"id\"]}"), invocation -> Json.object())
        .add("missing", ToolCategory.READ, ToolAnnotations.read(), TestTools.ANY_OBJECT, invocation -> {
          throw new NotFoundException("gone");
        })
        .add("login", ToolCategory.WRITE, ToolAnnotations.write().withSensitiveArguments(Set.of("pin")),
            TestTools.ANY_OBJECT, invocation -> Json.object());
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private List<String> outcomes() {
    return fixture.auditRecords().stream().map(r -> r.entry().outcome()).toList();
  }

  @Test
  void appendsOneRecordPerCallWhateverTheOutcome() {
    Toolgate gateway = fixture.gateway();
    Principal denied = new Principal("d", "d", Set.of(Role.AGENT), null, Set.of(), Set.of("lookup"), null);
    Principal limited = limitedAgent("l", RateLimitSpec.perMinute(1));
    fixture.idempotency.reserve(
        new IdempotencyScope("a", "create_order", "busy"), Json.fingerprint(Json.object()), "req-busy",
        fixture.clock.instant(), fixture.clock.instant().plusSeconds(60), fixture.clock.instant().plusSeconds(600));

    call(gateway, agent("a"), "create_order", "{}");
    call(gateway, agent("a"), "create_order", "{}", "k1");
    call(gateway, agent("a"), "create_order", "{}", "k1");
    call(gateway, agent("a"), "lookup", "{}");
    call(gateway, agent("a"), "lookup", "{}");
    call(gateway, denied, "lookup", "{}");
    call(gateway, limited, "create_order", "{}");
    call(gateway, limited, "create_order", "{}");
    call(gateway, agent("a"), "strict", "{}");
    call(gateway, agent("a"), "no_such_tool", "{}");
    call(gateway, agent("a"), "create_order", "{\"other\": true}", "k1");
    call(gateway, agent("a"), "create_order", "{}", "busy");
    call(gateway, agent("a"), "suspend_customer", "{}");
    call(gateway, agent("a"), "missing", "{}");

    assertThat(outcomes())
        .containsExactly(
            "executed", "executed", "replayed", "executed", "cache_hit", "denied", "executed", "rate_limited",
            "invalid", "unknown_tool", "idempotency_conflict", "in_progress", "pending_approval", "failed");
    List<AuditRecord> records = fixture.auditRecords();
    assertThat(records.get(9).entry().tool()).isEqualTo("no_such_tool");
    assertThat(records.get(9).entry().code()).isEqualTo("unknown_tool");
    assertThat(records.get(5).entry().details().path("rule").asText()).isEqualTo("key_deny");
    assertThat(records.get(7).entry().details().path("retry_after_ms").asLong()).isPositive();
    assertThat(records.get(12).entry().details().path("approval_id").asText()).startsWith("apr_");
    assertThat(records.get(13).entry().code()).isEqualTo("not_found");
    assertThat(records.get(0).entry().code()).isNull();
  }

  @Test
  void recordCarriesWhoWhatAndHowLong() {
    Toolgate gateway = fixture.gateway();
    gateway.calls().call(new CallToolCommand(clientAgent("k-7", "acme"), "lookup", Json.parse("{\"q\":\"x\"}"),
        null, "req-abc"));

    AuditEntry entry = fixture.auditRecords().get(0).entry();
    assertThat(entry.requestId()).isEqualTo("req-abc");
    assertThat(entry.keyId()).isEqualTo("k-7");
    assertThat(entry.clientKey()).isEqualTo("acme");
    assertThat(entry.tool()).isEqualTo("lookup");
    assertThat(entry.arguments()).isEqualTo(Json.parse("{\"q\":\"x\"}"));
    assertThat(entry.at()).isEqualTo(Fixture.START);
    assertThat(entry.latencyMs()).isNotNegative();
  }

  @Test
  void redactsSensitiveArgumentsAtAnyDepth() {
    Toolgate gateway = fixture.gateway();
    String arguments =
        """
        {"user": "ann", "pin": "1234", "password": "hunter2",
         "nested": {"API-Key": "k", "items": [{"access_token": "t", "note": "keep"}]},
         "Authorization": "Bearer x", "client_secret": "s"}
        """;

    call(gateway, agent("a"), "login", arguments);

    JsonNode logged = fixture.auditRecords().get(0).entry().arguments();
    assertThat(logged).isEqualTo(Json.parse(
        """
        {"user": "ann", "pin": "***", "password": "***",
         "nested": {"API-Key": "***", "items": [{"access_token": "***", "note": "keep"}]},
         "Authorization": "***", "client_secret": "***"}
        """));
    assertThat(Json.write(fixture.auditRecords().get(0).toJson())).doesNotContain("hunter2", "1234", "Bearer");
    assertThat(fixture.tools.invocations().get(0).arguments().path("pin").asText()).isEqualTo("1234");
  }

  @Test
  void chainOfManyCallsVerifies() {
    Toolgate gateway = fixture.gateway();
    for (int i = 0; i < 12; i++) {
      call(gateway, agent("a"), i % 2 == 0 ? "lookup" : "no_such_tool", "{\"i\": " + i + "}");
    }

    ChainVerification verification = gateway.audit().verify(operator);

    assertThat(verification).isEqualTo(new ChainVerification(true, 12, null, null));
  }

  @Test
  void tamperedRecordIsDetected() {
    fixture.audit = new AlteringAuditLog(3, r -> new AuditRecord(r.seq(), withOutcome(r.entry(), "executed"),
        r.prevHash(), r.hash()));
    Toolgate gateway = fixture.gateway();
    for (int i = 0; i < 5; i++) {
      call(gateway, agent("a"), "no_such_tool", "{}");
    }

    ChainVerification verification = gateway.audit().verify(operator);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.firstBadSeq()).isEqualTo(3);
    assertThat(verification.problem()).contains("hash");
  }

  @Test
  void rehashedTamperedRecordBreaksTheLinkOfTheNext() {
    fixture.audit = new AlteringAuditLog(2, r -> AuditRecord.chain(r.seq(), withOutcome(r.entry(), "executed"),
        r.prevHash()));
    Toolgate gateway = fixture.gateway();
    for (int i = 0; i < 4; i++) {
      call(gateway, agent("a"), "no_such_tool", "{}");
    }

    ChainVerification verification = gateway.audit().verify(operator);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.firstBadSeq()).isEqualTo(3);
    assertThat(verification.problem()).contains("prev_hash");
  }

  @Test
  void removedRecordIsDetected() {
    fixture.audit = new AlteringAuditLog(2, r -> null);
    Toolgate gateway = fixture.gateway();
    for (int i = 0; i < 4; i++) {
      call(gateway, agent("a"), "no_such_tool", "{}");
    }

    ChainVerification verification = gateway.audit().verify(operator);

    assertThat(verification.valid()).isFalse();
    assertThat(verification.firstBadSeq()).isEqualTo(2);
    assertThat(verification.problem()).contains("missing");
  }

  @Test
  void onlyOperatorsAndAdminsReadTheLog() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "lookup", "{}");

    assertThatThrownBy(() -> gateway.audit().query(agent("a"), AuditQuery.tail(10)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> gateway.audit().verify(principal("ap", Role.APPROVER)))
        .isInstanceOf(ForbiddenException.class);
    assertThat(gateway.audit().query(operator, AuditQuery.tail(10))).hasSize(1);
    assertThat(gateway.audit().query(principal("root", Role.ADMIN), AuditQuery.tail(10))).hasSize(1);
  }

  @Test
  void clientScopedReaderSeesOnlyItsClient() {
    Toolgate gateway = fixture.gateway();
    call(gateway, clientAgent("a", "acme"), "lookup", "{}");
    call(gateway, clientAgent("b", "globex"), "lookup", "{}");
    Principal acmeOperator = new Principal("o", "o", Set.of(Role.OPERATOR), "acme", Set.of(), Set.of(), null);

    assertThat(gateway.audit().query(acmeOperator, AuditQuery.tail(10)))
        .extracting(r -> r.entry().clientKey()).containsExactly("acme");
    AuditQuery globex = new AuditQuery(null, null, null, "globex", null, null, null, 10, false);
    assertThat(gateway.audit().query(acmeOperator, globex)).isEmpty();
    List<AuditRecord> exported = new ArrayList<>();
    gateway.audit().export(acmeOperator, AuditQuery.page(null, 1), exported::add);
    assertThat(exported).extracting(r -> r.entry().clientKey()).containsExactly("acme");
  }

  @Test
  void exportPagesThroughEveryMatchingRecordInOrder() {
    Toolgate gateway = fixture.gateway();
    for (int i = 0; i < 7; i++) {
      fixture.clock.advance(Duration.ofSeconds(1));
      call(gateway, agent("a"), "no_such_tool", "{}");
    }
    List<AuditRecord> exported = new ArrayList<>();

    gateway.audit().export(operator, new AuditQuery(null, null, null, null, null, null, null, 3, true),
        exported::add);

    assertThat(exported).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  private static AuditEntry withOutcome(AuditEntry e, String outcome) {
    return new AuditEntry(e.at(), e.requestId(), e.keyId(), e.clientKey(), e.tool(), e.arguments(), outcome,
        e.code(), e.latencyMs(), e.details());
  }

  /** Stores faithfully but alters (or, when the function gives null, hides) one record on read. */

  @Test
  void aCallWhoseAuditRecordCannotBeWrittenIsAnsweredUnavailableAndItsRetryGetsTheOutcomeAudited() {
    InMemoryAuditLog real = new InMemoryAuditLog();
    fixture.audit = new FailingFirstAppends(real, 1);
    Toolgate gateway = fixture.gateway();

    ToolOutcome first = call(gateway, agent("a"), "create_order", "{}", "k-audit");
    ToolOutcome retry = call(gateway, agent("a"), "create_order", "{}", "k-audit");

    assertThat(first).isInstanceOf(ToolOutcome.Failed.class);
    ToolOutcome.Failed unavailable = (ToolOutcome.Failed) first;
    assertThat(unavailable.failure()).isEqualTo(FailureCode.UNAVAILABLE);
    assertThat(unavailable.retryable()).isTrue();
    assertThat(unavailable.message()).contains("audit record could not be written", "retry with the same key");
    assertThat(retry).isInstanceOf(ToolOutcome.Succeeded.class);
    assertThat(((ToolOutcome.Succeeded) retry).idempotentReplay()).isTrue();
    assertThat(fixture.tools.executions("create_order")).isEqualTo(1);
    assertThat(real.read(AuditQuery.tail(10))).singleElement()
        .satisfies(r -> assertThat(r.entry().outcome()).isEqualTo("replayed"));
  }

  @Test
  void aCallWithoutKeyWhoseAuditRecordCannotBeWrittenSaysItMayHaveTakenEffect() {
    fixture.audit = new FailingFirstAppends(new InMemoryAuditLog(), 1);
    Toolgate gateway = fixture.gateway();

    ToolOutcome outcome = call(gateway, agent("a"), "create_order", "{}");

    assertThat(outcome).isInstanceOf(ToolOutcome.Failed.class);
    assertThat(((ToolOutcome.Failed) outcome).failure()).isEqualTo(FailureCode.UNAVAILABLE);
    assertThat(outcome.message()).contains("may have taken effect", "idempotency key");
  }

  /** An audit log whose first {@code failures} appends fail as an unreachable store does. */
  private static final class FailingFirstAppends extends ForwardingAuditLog {
    private final AtomicInteger failures;

    FailingFirstAppends(AuditLog delegate, int failures) {
      super(delegate);
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
      if (failures.getAndDecrement() > 0) {
        throw new UnavailableException("the audit store is unreachable");
      }
      return delegate().append(entry);
    }
  }

  private static final class AlteringAuditLog extends ForwardingAuditLog {
    private final long seq;
    private final UnaryOperator<AuditRecord> alteration;

    AlteringAuditLog(long seq, UnaryOperator<AuditRecord> alteration) {
      super(new InMemoryAuditLog());
      this.seq = seq;
      this.alteration = alteration;
    }

    @Override
    public List<AuditRecord> read(AuditQuery query) {
      List<AuditRecord> records = new ArrayList<>();
      for (AuditRecord record : delegate().read(query)) {
        AuditRecord shown = record.seq() == seq ? alteration.apply(record) : record;
        if (shown != null) {
          records.add(shown);
        }
      }
      return records;
    }
  }
}
