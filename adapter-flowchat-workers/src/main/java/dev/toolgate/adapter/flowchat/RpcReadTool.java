package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.Iterator;
import java.util.Map;

/**
 * A READ tool: {@code POST {SUPABASE_URL}/rest/v1/rpc/{function}} with each argument renamed
 * {@code p_<name>}, as the seed's handlers do. A set-returning function's array comes back as
 * {@code {items, total}}, since a tool's structured result is an object.
 */
final class RpcReadTool implements ToolExecutor {
  private final String function;
  private final WorkerClient client;

  RpcReadTool(String function, WorkerClient client) {
    this.function = function;
    this.client = client;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ObjectNode params = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = invocation.arguments().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> arg = it.next();
      if (!arg.getValue().isNull()) {
        params.set("p_" + arg.getKey(), arg.getValue());
      }
    }
    // A read changes nothing, so it may be repeated after a timeout or a 5xx.
    JsonNode answer = client.send(
        new WorkerCall(Service.RPC, "POST", "/rest/v1/rpc/" + function, params, null, true), invocation.requestId());
    if (answer.isArray()) {
      ObjectNode wrapped = Json.object();
      wrapped.set("items", answer);
      wrapped.put("total", answer.size());
      return ToolResult.of(wrapped);
    }
    return ToolResult.of(answer);
  }
}
