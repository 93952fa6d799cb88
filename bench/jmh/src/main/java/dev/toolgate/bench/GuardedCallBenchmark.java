package dev.toolgate.bench;

import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The whole pipeline in process, without HTTP: a cached {@code search_customer} read — policy,
 * validation, rate limit, cache hit, audit append and usage increment on SQLite — from 1 and 16 threads.
 */
@State(Scope.Benchmark)
public class GuardedCallBenchmark {
  private BenchGateway gateway;
  private CallToolCommand command;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    command = new CallToolCommand(gateway.admin, "search_customer", Json.parse("{\"query\":\"acme\"}"), null, "bench");
    ToolOutcome first = gateway.toolgate.calls().call(command);
    if (!first.isSuccess()) {
      throw new IllegalStateException("search_customer did not succeed: " + first);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  @Threads(1)
  public ToolOutcome cachedRead1Thread() {
    return gateway.toolgate.calls().call(command);
  }

  @Benchmark
  @Threads(16)
  public ToolOutcome cachedRead16Threads() {
    return gateway.toolgate.calls().call(command);
  }
}
