package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.List;

/** {@code generate_facture_pdf}: {@code read → pdf → upload → update {pdf_url}}; undo: delete the stored file. */
final class GenerateFacturePdfWorkflow implements ToolExecutor {
  static final String NAME = "generate_facture_pdf";
  private static final List<String> PLAN = List.of("read", "pdf", "upload", "update");

  private final WorkerClient client;

  GenerateFacturePdfWorkflow(WorkerClient client) {
    this.client = client;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    WorkflowRun run = new WorkflowRun(NAME, invocation.idempotencyKey(), invocation.requestId(), PLAN, client,
        Runnable::run);
    String id = invocation.args().text("facture_id");
    String step = "read";
    try {
      JsonNode facture = run.call(step, Service.RPC, "POST", "/rest/v1/rpc/get_facture_by_id",
          Json.object().put("p_facture_id", id), true);
      if (facture.path("deleted").asBoolean(false)) {
        throw new InvalidRequestException("facture " + id + " is deleted; no PDF is generated for it");
      }
      step = "pdf";
      JsonNode pdf = run.call(step, Service.DOCUMENT, "POST", "/generate/facture", Json.object().put("facture_id", id),
          true);
      step = "upload";
      JsonNode stored = run.call(step, Service.STORAGE, "POST", "/upload", Json.object()
          .put("filename", pdf.path("filename").asText()).put("content_type", "application/pdf")
          .put("content_base64", pdf.path("pdf_base64").asText()).put("folder", "factures"), false);
      run.onUndo("delete stored file " + stored.path("key").asText(), InvoiceDelivery.storedFileDelete(run, stored));
      step = "update";
      String url = stored.path("public_url").asText();
      run.write(step, "/facture/update", Json.object().put("facture_id", id).put("pdf_url", url));
      ObjectNode result = Json.object().put("success", true).put("facture_id", id).put("pdf_url", url);
      result.set("steps_completed", Json.mapper().valueToTree(PLAN));
      return ToolResult.of(result);
    } catch (PortException e) {
      throw run.fail(step, e, true);
    }
  }
}
