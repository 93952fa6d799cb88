package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.CommitGroup;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  private final Fixture fixture = new Fixture();
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final CountDownLatch slowRelease = new CountDownLatch(1);

  IdempotencyTest() {
    fixture.tools
        .write("create_order")
        .add("lookup", ToolCategory.READ, ToolAnnotations.read().withCacheable(false), TestTools.ANY_OBJECT,
            invocation -> Json.object())
        .add("find_or_fail", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT,
            invocation -> {
              throw new NotFoundException("no customer 'c-404'");
            })
        .add("buggy", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT,
            invocation -> {
              throw new IllegalStateException("bug with internals: jdbc:secret@host");
            })
        .add("slow_write", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT,
            invocation -> {
              slowStarted.countDown();
              try {
                slowRelease.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Json.object().put("done", true);
            })
        .add("sleepy_write", ToolCategory.WRITE, ToolAnnotations.write(), TestTools.ANY_OBJECT,
            invocation -> {
              try {
                Thread.sleep(50);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Json.object().put("order", "o-1");
            });
  }

  @AfterEach
  void close() {
    slowRelease.countDown();
    fixture.close();
  }

  @Test
  void theKeysCompletionTheAuditRecordAndTheUsageCountAreWrittenInOneCommitGroup() {
    IdempotencyScope scope = new IdempotencyScope("a", "create_order", "k-group");
    LocalDate today = LocalDate.ofInstant(Fixture.START, ZoneOffset.UTC);
    Supplier<String> state =
        () -> "completed=" + fixture.idempotency.find(scope, fixture.clock.instant()).map(r -> r.completed()).orElse(null)
            + " audited=" + fixture.audit.read(AuditQuery.page(null, 10)).size()
            + " counted=" + fixture.usage.query(today, today, null).size();
    List<String> seen = new ArrayList<>();
    CommitGroup recording =
        writes -> {
          seen.add("before " + state.get());
          writes.run();
          seen.add("after " + state.get());
        };
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).commitGroup(recording).build();

    ToolOutcome outcome = call(gateway, agent("a"), "create_order", "{}", "k-group");

    assertThat(outcome.isSuccess()).isTrue();
    // One group per call, holding all three closing writes; the key was reserved (not completed) before it.
    assertThat(seen).containsExactly("before completed=false audited=0 counted=0", "after completed=true audited=1 counted=1");
    gateway.close();
  }

  @Test
  void replaysStoredOutcomeForSameKey() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome first = call(gateway, agent("a"), "create_order", "{\"amount\": 5}", "key-1");
    ToolOutcome second = call(gateway, agent("a"), "create_order", "{\"amount\": 5}", "key-1");

    assertThat(first).isInstanceOf(ToolOutcome.Succeeded.class);
    assertThat(((ToolOutcome.Succeeded) first).idempotentReplay()).isFalse();
    assertThat(second).isInstanceOf(ToolOutcome.Succeeded.class);
    ToolOutcome.Succeeded replay = (ToolOutcome.Succeeded) second;
    assertThat(replay.idempotentReplay()).isTrue();
    assertThat(replay.result()).isEqualTo(((ToolOutcome.Succeeded) first).result());
    assertThat(fixture.tools.executions("create_order")).isEqualTo(1);
  }

  @Test
  void argumentsAreComparedCanonically() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "create_order", "{\"amount\": 5, \"note\": \"x\"}", "key-1");
    ToolOutcome second = call(gateway, agent("a"), "create_order", "{\"note\": \"x\", \"amount\": 5}", "key-1");

    assertThat(((ToolOutcome.Succeeded) second).idempotentReplay()).isTrue();
  }

  @Test
  void refusesReusedKeyWithOtherArguments() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "create_order", "{\"amount\": 5}", "key-1");
    ToolOutcome reused = call(gateway, agent("a"), "create_order", "{\"amount\": 6}", "key-1");

    assertThat(reused).isEqualTo(new ToolOutcome.IdempotencyKeyReused("create_order", "key-1"));
    assertThat(reused.code()).isEqualTo("idempotency_key_reused");
    assertThat(fixture.tools.executions("create_order")).isEqualTo(1);
  }

  @Test
  void answersInProgressWhileTheFirstCallRuns() throws Exception {
    Toolgate gateway = fixture.gateway();
    CompletableFuture<ToolOutcome> first =
        CompletableFuture.supplyAsync(() -> call(gateway, agent("a"), "slow_write", "{}", "key-1"));
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

    ToolOutcome concurrent = call(gateway, agent("a"), "slow_write", "{}", "key-1");
    slowRelease.countDown();

    assertThat(concurrent).isEqualTo(new ToolOutcome.IdempotencyInProgress("slow_write", "key-1"));
    assertThat(concurrent.code()).isEqualTo("idempotency_in_progress");
    assertThat(first.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    ToolOutcome after = call(gateway, agent("a"), "slow_write", "{}", "key-1");
    assertThat(((ToolOutcome.Succeeded) after).idempotentReplay()).isTrue();
    assertThat(fixture.tools.executions("slow_write")).isEqualTo(1);
  }

  @Test
  void recordSurvivesANewGatewayOverTheSameStores() {
    Toolgate before = fixture.gateway();
    ToolOutcome first = call(before, agent("a"), "create_order", "{\"amount\": 5}", "key-1");
    before.close();

    Toolgate after = fixture.gateway();
    ToolOutcome replay = call(after, agent("a"), "create_order", "{\"amount\": 5}", "key-1");

    assertThat(((ToolOutcome.Succeeded) replay).idempotentReplay()).isTrue();
    assertThat(((ToolOutcome.Succeeded) replay).result()).isEqualTo(((ToolOutcome.Succeeded) first).result());
    assertThat(fixture.tools.executions("create_order")).isEqualTo(1);
  }

  @Test
  void storesNothingForCallsRejectedBeforeTheIdempotencyStep() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().allowedTools(Set.of("create_order")).build());

    assertThat(call(gateway, agent("a"), "sleepy_write", "{}", "key-1")).isInstanceOf(ToolOutcome.Denied.class);
    assertThat(call(gateway, agent("a"), "create_order", "[]", "key-1")).isInstanceOf(ToolOutcome.Invalid.class);

    assertThat(fixture.idempotency.find(new IdempotencyScope("a", "sleepy_write", "key-1"), fixture.clock.instant()))
        .isEmpty();
    assertThat(fixture.idempotency.find(new IdempotencyScope("a", "create_order", "key-1"), fixture.clock.instant()))
        .isEmpty();
    ToolOutcome valid = call(gateway, agent("a"), "create_order", "{\"amount\": 1}", "key-1");
    assertThat(((ToolOutcome.Succeeded) valid).idempotentReplay()).isFalse();
  }

  @Test
  void readOnlyToolsIgnoreTheKey() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "lookup", "{}", "key-1");
    ToolOutcome second = call(gateway, agent("a"), "lookup", "{}", "key-1");

    assertThat(((ToolOutcome.Succeeded) second).idempotentReplay()).isFalse();
    assertThat(fixture.tools.executions("lookup")).isEqualTo(2);
    assertThat(fixture.tools.invocations()).allSatisfy(i -> assertThat(i.idempotencyKey()).isNull());
  }

  @Test
  void keyIsScopedToThePrincipalAndTheTool() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "create_order", "{}", "key-1");
    ToolOutcome otherPrincipal = call(gateway, agent("b"), "create_order", "{}", "key-1");
    ToolOutcome otherTool = call(gateway, agent("a"), "sleepy_write", "{}", "key-1");

    assertThat(((ToolOutcome.Succeeded) otherPrincipal).idempotentReplay()).isFalse();
    assertThat(((ToolOutcome.Succeeded) otherTool).idempotentReplay()).isFalse();
    assertThat(fixture.tools.executions("create_order")).isEqualTo(2);
  }

  @Test
  void passesTheToolTheEffectKeyOfTheScope() {
    call(fixture.gateway(), agent("a"), "create_order", "{}", "key-1");
    call(fixture.gateway(), agent("b"), "create_order", "{}", "key-1");

    String a = new IdempotencyScope("a", "create_order", "key-1").effectKey();
    String b = new IdempotencyScope("b", "create_order", "key-1").effectKey();
    assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(b);
    assertThat(fixture.tools.invocations()).extracting(i -> i.idempotencyKey()).containsExactly(a, b);
  }

  @Test
  void storesFailedOutcomesToo() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome first = call(gateway, agent("a"), "find_or_fail", "{}", "key-1");
    ToolOutcome second = call(gateway, agent("a"), "find_or_fail", "{}", "key-1");

    assertThat(first).isEqualTo(new ToolOutcome.Failed("find_or_fail", FailureCode.NOT_FOUND, "no customer 'c-404'", false));
    assertThat(second).isEqualTo(first);
    assertThat(fixture.tools.executions("find_or_fail")).isEqualTo(1);
  }

  @Test
  void releasesTheKeyAfterAnInternalError() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome first = call(gateway, agent("a"), "buggy", "{}", "key-1");
    call(gateway, agent("a"), "buggy", "{}", "key-1");

    assertThat(first.code()).isEqualTo("internal_error");
    assertThat(first.message()).doesNotContain("jdbc").doesNotContain("IllegalState");
    assertThat(fixture.tools.executions("buggy")).isEqualTo(2);
  }

  @Test
  void recordExpiresAfterTheRetention() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().idempotencyRetention(Duration.ofHours(24)).build());
    call(gateway, agent("a"), "create_order", "{}", "key-1");
    fixture.clock.advance(Duration.ofHours(23));
    assertThat(((ToolOutcome.Succeeded) call(gateway, agent("a"), "create_order", "{}", "key-1")).idempotentReplay())
        .isTrue();

    fixture.clock.advance(Duration.ofHours(1));
    ToolOutcome fresh = call(gateway, agent("a"), "create_order", "{}", "key-1");

    assertThat(((ToolOutcome.Succeeded) fresh).idempotentReplay()).isFalse();
    assertThat(fixture.tools.executions("create_order")).isEqualTo(2);
  }

  @Test
  void refusesAMalformedKey() {
    ToolOutcome outcome = call(fixture.gateway(), agent("a"), "create_order", "{}", "has space");

    assertThat(outcome).isInstanceOf(ToolOutcome.Invalid.class);
    assertThat(((ToolOutcome.Invalid) outcome).errors()).singleElement()
        .satisfies(error -> assertThat(error.field()).isEqualTo("idempotency_key"));
    assertThat(fixture.tools.executions("create_order")).isZero();
  }

  @Test
  void fiftyConcurrentCallsWithOneKeyExecuteTheSideEffectExactlyOnce() throws Exception {
    Toolgate gateway = fixture.gateway();

    List<ToolOutcome> outcomes =
        Concurrently.run(50, i -> call(gateway, agent("a"), "sleepy_write", "{\"amount\": 5}", "key-1"));

    assertThat(fixture.tools.executions("sleepy_write")).isEqualTo(1);
    assertThat(outcomes)
        .filteredOn(o -> o instanceof ToolOutcome.Succeeded s && !s.idempotentReplay())
        .hasSize(1);
    assertThat(outcomes).allSatisfy(o ->
        assertThat(o).isInstanceOfAny(ToolOutcome.Succeeded.class, ToolOutcome.IdempotencyInProgress.class));
    ToolOutcome later = call(gateway, agent("a"), "sleepy_write", "{\"amount\": 5}", "key-1");
    assertThat(((ToolOutcome.Succeeded) later).idempotentReplay()).isTrue();
    assertThat(fixture.tools.executions("sleepy_write")).isEqualTo(1);
  }
}
