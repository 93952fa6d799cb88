package dev.toolgate.mcp;

import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The gateway's own look at each {@code /mcp} body ({@link McpMessageCheck}) before the SDK parses the
 * same text ({@code dev.toolgate.bench.McpToolsCallParseBenchmark}). It lives in the checked class's
 * package, as a unit test would, because the check is package-private: the one benchmark outside
 * {@code dev.toolgate.bench}.
 */
@State(Scope.Benchmark)
public class McpMessageCheckBenchmark {
  private static final String TOOLS_CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/call\",\"params\":{\"name\":\"search_customer\","
          + "\"arguments\":{\"query\":\"acme\"}}}";

  private final McpMessageCheck check = new McpMessageCheck(Set.of("notifications/initialized"));

  @Benchmark
  public Object toolsCall() {
    return check.check(TOOLS_CALL);
  }
}
