package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code create_and_send_facture}: {@code create → read → pdf → (upload ∥ email) → mark}. The invoice is
 * soft-deleted when a step fails before the e-mail went out (docs/flowchat-workers.md).
 */
final class CreateAndSendFactureWorkflow implements ToolExecutor {
  static final String NAME = "create_and_send_facture";
  private static final List<String> PLAN = List.of("create", "read", "pdf", "upload", "email", "mark");

  private final WorkerClient client;
  private final Executor parallel;

  CreateAndSendFactureWorkflow(WorkerClient client, Executor parallel) {
    this.client = client;
    this.parallel = parallel;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    WorkflowRun run = new WorkflowRun(NAME, invocation.idempotencyKey(), invocation.requestId(), PLAN, client, parallel);
    ObjectNode body = Payloads.renamed(invocation.arguments(), Map.of("montant", "montant_ht"));
    String destinataire = body.path("destinataire").asText(null);
    String message = body.path("message").asText(null);
    body.remove(List.of("destinataire", "message"));
    JsonNode created;
    try {
      created = run.write("create", "/facture/create", body);
    } catch (PortException e) {
      throw run.fail("create", e, false);
    }
    String id = created.path("id").asText();
    run.onUndo("soft-delete facture " + created.path("numero").asText(), new WorkerCall(Service.DATABASE, "POST",
        "/facture/delete", Json.object().put("facture_id", id).put("reason", "compensation: " + NAME + " failed"),
        run.key("undo-create"), true));
    ObjectNode result = InvoiceDelivery.deliver(run, id, destinataire, message, true);
    result.set("steps_completed", Json.mapper().valueToTree(PLAN));
    return ToolResult.of(result);
  }
}
