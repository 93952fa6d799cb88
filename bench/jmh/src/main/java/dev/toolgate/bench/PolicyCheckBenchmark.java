package dev.toolgate.bench;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.PolicyEngine;
import dev.toolgate.core.support.SupportToolset;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.tool.ToolDefinition;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The policy step: allowlists, deny lists and category roles for one call, allowed and denied. */
@State(Scope.Benchmark)
public class PolicyCheckBenchmark {
  private BenchGateway gateway;
  private PolicyEngine policy;
  private ToolDefinition searchCustomer;
  private Principal agent;
  private Principal denied;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    policy = new PolicyEngine(GatewayConfig.defaults());
    searchCustomer =
        new SupportToolset(gateway.stores.supportDesk()).tools().stream()
            .map(tool -> tool.definition())
            .filter(definition -> definition.name().equals("search_customer"))
            .findFirst()
            .orElseThrow();
    agent = new Principal("k1", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);
    denied = new Principal("k2", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of("search_customer"), null);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public Optional<ToolOutcome.Denied> allowed() {
    return policy.check(agent, null, searchCustomer);
  }

  @Benchmark
  public Optional<ToolOutcome.Denied> deniedByKey() {
    return policy.check(denied, null, searchCustomer);
  }
}
