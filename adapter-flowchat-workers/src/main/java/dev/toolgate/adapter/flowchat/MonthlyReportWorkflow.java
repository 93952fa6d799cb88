package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.tool.ToolExecutor;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;

/** {@code generate_monthly_report}: {@code report → upload (→ email)}; undo: delete the stored file. */
final class MonthlyReportWorkflow implements ToolExecutor {
  static final String NAME = "generate_monthly_report";

  private final WorkerClient client;

  MonthlyReportWorkflow(WorkerClient client) {
    this.client = client;
  }

  @Override
  public ToolResult execute(ToolInvocation invocation) {
    String mois = invocation.args().optionalText("mois");
    String to = invocation.args().optionalText("destinataire");
    List<String> plan = new ArrayList<>(List.of("report", "upload"));
    if (to != null) {
      plan.add("email");
    }
    WorkflowRun run = new WorkflowRun(NAME, invocation.idempotencyKey(), invocation.requestId(), plan, client,
        Runnable::run);
    String step = "report";
    try {
      ObjectNode request = Json.object();
      if (mois != null) {
        request.put("mois", mois);
      }
      JsonNode pdf = run.call(step, Service.DOCUMENT, "POST", "/generate/monthly-report", request, true);
      step = "upload";
      JsonNode stored = run.call(step, Service.STORAGE, "POST", "/upload", Json.object()
          .put("filename", pdf.path("filename").asText()).put("content_type", "application/pdf")
          .put("content_base64", pdf.path("pdf_base64").asText()).put("folder", "rapports"), false);
      run.onUndo("delete stored file " + stored.path("key").asText(), InvoiceDelivery.storedFileDelete(run, stored));
      ObjectNode result = Json.object().put("success", true).put("pdf_url", stored.path("public_url").asText());
      if (to != null) {
        step = "email";
        ObjectNode mail = Json.object().put("to", to).put("subject", "Rapport mensuel " + (mois == null ? "" : mois).strip())
            .put("body_text", "Bonjour,\n\nVeuillez trouver ci-joint le rapport mensuel.\n\nCordialement.");
        mail.putArray("attachments").add(Json.object().put("filename", pdf.path("filename").asText())
            .put("content_type", "application/pdf").put("content_base64", pdf.path("pdf_base64").asText()));
        JsonNode sent = run.call(step, Service.EMAIL, "POST", "/send", mail, false);
        result.set("email", Payloads.pick(sent, "message_id", "accepted", "sent_at"));
      }
      result.set("steps_completed", Json.mapper().valueToTree(plan));
      return ToolResult.of(result);
    } catch (PortException e) {
      throw run.fail(step, e, true);
    }
  }
}
