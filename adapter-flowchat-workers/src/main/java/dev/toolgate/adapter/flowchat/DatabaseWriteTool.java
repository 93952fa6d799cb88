package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.Map;

/**
 * A WRITE tool: {@code POST {DATABASE_WORKER_URL}{endpoint}} with the arguments (renamed where the
 * contract's name differs, e.g. {@code montant} → {@code montant_ht}), sent with the step key
 * {@code {idempotency key}:{tool}} when the caller gave a key; the answer must be {@code validated: true}.
 */
final class DatabaseWriteTool implements ToolExecutor {
  private final String name;
  private final String endpoint;
  private final Map<String, String> rename;
  private final WorkerClient client;

  DatabaseWriteTool(String name, String endpoint, Map<String, String> rename, WorkerClient client) {
    this.name = name;
    this.endpoint = endpoint;
    this.rename = Map.copyOf(rename);
    this.client = client;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    ObjectNode body = Payloads.renamed(invocation.arguments(), rename);
    String key = invocation.idempotencyKey() == null ? null : invocation.idempotencyKey() + ":" + name;
    JsonNode answer = client.send(new WorkerCall(Service.DATABASE, "POST", endpoint, body, key, false),
        invocation.requestId());
    return ToolResult.of(Validated.require(name, answer));
  }
}
