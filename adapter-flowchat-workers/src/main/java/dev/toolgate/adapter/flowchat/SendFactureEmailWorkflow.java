package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code send_facture_email}: {@code read → pdf → (upload ∥ email) → mark} on an existing invoice, which
 * is never deleted by a compensation (it existed before the call); only the uploaded file is.
 */
final class SendFactureEmailWorkflow implements ToolExecutor {
  static final String NAME = "send_facture_email";
  private static final List<String> PLAN = List.of("read", "pdf", "upload", "email", "mark");

  private final WorkerClient client;
  private final Executor parallel;

  SendFactureEmailWorkflow(WorkerClient client, Executor parallel) {
    this.client = client;
    this.parallel = parallel;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    WorkflowRun run = new WorkflowRun(NAME, invocation.idempotencyKey(), invocation.requestId(), PLAN, client, parallel);
    var args = invocation.args();
    ObjectNode result = InvoiceDelivery.deliver(run, args.text("facture_id"), args.optionalText("destinataire"),
        args.optionalText("message"), false);
    result.set("steps_completed", Json.mapper().valueToTree(PLAN));
    return ToolResult.of(result);
  }
}
