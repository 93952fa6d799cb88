package dev.toolgate.bench;

import dev.toolgate.core.Principal;
import dev.toolgate.core.cache.ResponseCacheGate;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.support.SupportToolset;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cache step on a hit: the key (SHA-256 of client, tool and canonical arguments), the in-memory
 * lookup in front of the SQLite cache, and the outcome rebuilt from the stored JSON.
 */
@State(Scope.Benchmark)
public class ResponseCacheBenchmark {
  private BenchGateway gateway;
  private ResponseCacheGate cache;
  private ToolDefinition searchCustomer;
  private CallToolCommand command;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    cache = new ResponseCacheGate(gateway.stores.cache(), gateway.config, Clock.systemUTC());
    searchCustomer =
        new SupportToolset(gateway.stores.supportDesk()).tools().stream()
            .map(tool -> tool.definition())
            .filter(definition -> definition.name().equals("search_customer"))
            .findFirst()
            .orElseThrow();
    Principal caller = gateway.admin;
    command = new CallToolCommand(caller, "search_customer", Json.parse("{\"query\":\"acme\"}"), null, "bench");
    ToolOutcome first = cache.through(command, searchCustomer, () -> gateway.toolgate.calls().call(command));
    if (!first.isSuccess()) {
      throw new IllegalStateException("search_customer did not succeed, nothing to cache: " + first);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public ToolOutcome hit() {
    return cache.through(command, searchCustomer, () -> {
      throw new IllegalStateException("a miss: the benchmark measures hits");
    });
  }
}
