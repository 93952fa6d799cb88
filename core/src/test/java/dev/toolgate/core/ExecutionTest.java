package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.clientAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.FailureCode;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolResult;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionTest {
  private final Fixture fixture = new Fixture();
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private final AtomicReference<Thread> executingThread = new AtomicReference<>();

  ExecutionTest() {
    read("sleeper", invocation -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
      return Json.object();
    });
    read("slow", invocation -> {
      slowStarted.countDown();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted");
      }
      return Json.object().put("slow", true);
    });
    read("where", invocation -> {
      executingThread.set(Thread.currentThread());
      return Json.object();
    });
    read("not_found", invocation -> {
      throw new NotFoundException("no customer 'c-9'");
    });
    read("rejected", invocation -> {
      throw new InvalidRequestException("status 'frozen' is not allowed");
    });
    read("unavailable", invocation -> {
      throw new UnavailableException("crm did not answer");
    });
    read("buggy", invocation -> {
      throw new IllegalStateException("NPE at com.example.Secret password=hunter2");
    });
    read("returns_null", invocation -> null);
    inline("where_inline", invocation -> {
      executingThread.set(Thread.currentThread());
      return ToolResult.of(Json.object());
    });
    inline("not_found_inline", invocation -> {
      throw new NotFoundException("no customer 'c-9'");
    });
    inline("buggy_inline", invocation -> {
      throw new IllegalStateException("NPE at com.example.Secret password=hunter2");
    });
  }

  /** A tool whose executor declares itself inline, as the support tools over an in-process desk do. */
  private void inline(String name, ToolExecutor body) {
    fixture.tools.addTool(name, ToolCategory.READ, ToolAnnotations.read().withCacheable(false), TestTools.ANY_OBJECT,
        new ToolExecutor() {
          @Override
          public ToolResult execute(ToolInvocation invocation) {
            return body.execute(invocation);
          }

          @Override
          public boolean inline() {
            return true;
          }
        });
  }

  private void read(String name, TestTools.JsonExecutor executor) {
    fixture.tools.add(name, ToolCategory.READ, ToolAnnotations.read().withCacheable(false), TestTools.ANY_OBJECT,
        executor);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void callThatOutrunsTheTimeoutFailsAndIsInterrupted() throws Exception {
    Toolgate gateway =
        fixture.gateway(GatewayConfig.custom().executionTimeout(Duration.ofMillis(100)).build());

    ToolOutcome outcome = call(gateway, agent("a"), "sleeper", "{}");

    assertThat(outcome).isInstanceOf(ToolOutcome.Failed.class);
    ToolOutcome.Failed failed = (ToolOutcome.Failed) outcome;
    assertThat(failed.code()).isEqualTo("timeout");
    assertThat(failed.retryable()).isTrue();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void runsOnNamedDaemonThreads() {
    call(fixture.gateway(), agent("a"), "where", "{}");

    assertThat(executingThread.get().getName()).startsWith("toolgate-exec-");
    assertThat(executingThread.get().isDaemon()).isTrue();
    assertThat(executingThread.get()).isNotSameAs(Thread.currentThread());
  }

  @Test
  void anInlineToolRunsOnTheCallersThreadAndItsFailuresTranslateTheSameWay() {
    Toolgate gateway = fixture.gateway();

    assertThat(call(gateway, agent("a"), "where_inline", "{}").isSuccess()).isTrue();
    assertThat(executingThread.get()).isSameAs(Thread.currentThread());
    assertThat(call(gateway, agent("a"), "not_found_inline", "{}"))
        .isEqualTo(new ToolOutcome.Failed("not_found_inline", FailureCode.NOT_FOUND, "no customer 'c-9'", false));
    ToolOutcome buggy = call(gateway, agent("a"), "buggy_inline", "{}");
    assertThat(buggy.code()).isEqualTo("internal_error");
    assertThat(buggy.message()).doesNotContain("hunter2").doesNotContain("Exception");
  }

  @Test
  void translatesPortExceptionsIntoFailures() {
    Toolgate gateway = fixture.gateway();

    assertThat(call(gateway, agent("a"), "not_found", "{}"))
        .isEqualTo(new ToolOutcome.Failed("not_found", FailureCode.NOT_FOUND, "no customer 'c-9'", false));
    assertThat(call(gateway, agent("a"), "rejected", "{}"))
        .isEqualTo(new ToolOutcome.Failed("rejected", FailureCode.UPSTREAM_REJECTED, "status 'frozen' is not allowed", false));
    assertThat(call(gateway, agent("a"), "unavailable", "{}"))
        .isEqualTo(new ToolOutcome.Failed("unavailable", FailureCode.UPSTREAM_UNAVAILABLE, "crm did not answer", true));
  }

  @Test
  void unexpectedExceptionsBecomeAGenericInternalError() {
    Toolgate gateway = fixture.gateway();

    for (String tool : new String[] {"buggy", "returns_null"}) {
      ToolOutcome outcome = call(gateway, agent("a"), tool, "{}");
      assertThat(outcome.code()).isEqualTo("internal_error");
      assertThat(outcome.message()).doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("NPE");
    }
  }

  @Test
  void invocationCarriesRequestIdAndClient() {
    fixture.gateway()
        .calls()
        .call(new CallToolCommand(clientAgent("a", "acme"), "where", Json.parse("{\"x\": 1}"), null, "req-42"));

    ToolInvocation invocation = fixture.tools.invocations().get(0);
    assertThat(invocation.requestId()).isEqualTo("req-42");
    assertThat(invocation.clientKey()).isEqualTo("acme");
    assertThat(invocation.arguments()).isEqualTo(Json.parse("{\"x\": 1}"));
  }

  @Test
  void closeLetsRunningCallsFinishAndRefusesNewOnes() throws Exception {
    Toolgate gateway = fixture.gateway();
    CompletableFuture<ToolOutcome> running =
        CompletableFuture.supplyAsync(() -> call(gateway, agent("a"), "slow", "{}"));
    assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

    gateway.close();

    assertThat(running.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    ToolOutcome refused = call(gateway, agent("a"), "where", "{}");
    assertThat(refused.code()).isEqualTo("unavailable");
    assertThat(((ToolOutcome.Failed) refused).retryable()).isTrue();
  }
}
