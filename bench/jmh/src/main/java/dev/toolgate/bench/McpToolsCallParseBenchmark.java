package dev.toolgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the MCP SDK does with a {@code tools/call} body before the gateway sees it: the JSON-RPC
 * message parsed, then its params converted to a {@code CallToolRequest}.
 */
@State(Scope.Benchmark)
public class McpToolsCallParseBenchmark {
  private static final String BODY =
      "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/call\",\"params\":{\"name\":\"search_customer\","
          + "\"arguments\":{\"query\":\"acme\"}}}";

  private final McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());

  @Benchmark
  public McpSchema.CallToolRequest parse() throws IOException {
    McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, BODY);
    return mapper.convertValue(request.params(), McpSchema.CallToolRequest.class);
  }
}
