package dev.toolgate.adapter.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;

/**
 * The steps {@code create_and_send_facture} and {@code send_facture_email} share:
 * {@code read → pdf → (upload ∥ email) → mark}. Compensates while the e-mail has not gone out; once it
 * has, nothing can unsend it, so a later failure is reported for resumption instead.
 */
final class InvoiceDelivery {
  static final String DEFAULT_MESSAGE =
      "Bonjour,\n\nVeuillez trouver ci-joint votre facture %s d'un montant de %s EUR TTC.\n\nCordialement.";

  private InvoiceDelivery() {}

  /**
   * @param createdHere the invoice was created by this same call (so a soft-deleted invoice means an
   *     earlier attempt under this key was compensated)
   */
  static ObjectNode deliver(WorkflowRun run, String factureId, String destinataire, String message,
      boolean createdHere) {
    JsonNode facture;
    try {
      facture = run.call("read", Service.RPC, "POST", "/rest/v1/rpc/get_facture_by_id",
          Json.object().put("p_facture_id", factureId), true);
    } catch (PortException e) {
      throw run.fail("read", e, true);
    }
    if (facture.path("deleted").asBoolean(false)) {
      throw new InvalidRequestException(createdHere
          ? "facture " + facture.path("numero").asText() + " created under this idempotency key was cancelled"
              + " (soft-deleted) by the compensation of an earlier failed attempt; call again with a new idempotency key"
          : "facture " + factureId + " is deleted and cannot be sent");
    }
    String statut = facture.path("statut").asText();
    if (!statut.equals("brouillon") && !statut.equals("envoyee")) {
      throw run.fail("read", new InvalidRequestException(
          "facture " + facture.path("numero").asText() + " is " + statut + "; only brouillon or envoyee can be sent"),
          true);
    }
    String to = destinataire != null ? destinataire : facture.path("entreprise").path("email").asText(null);
    if (to == null || to.isBlank()) {
      throw run.fail("email", new InvalidRequestException("the company of facture " + facture.path("numero").asText()
          + " has no e-mail address; give destinataire"), true);
    }
    JsonNode pdf;
    try {
      // The body names the invoice only, so it is the same on a resumed call and the step replays.
      pdf = run.call("pdf", Service.DOCUMENT, "POST", "/generate/facture", Json.object().put("facture_id", factureId),
          true);
    } catch (PortException e) {
      throw run.fail("pdf", e, true);
    }
    String numero = facture.path("numero").asText();
    ObjectNode upload = Json.object()
        .put("filename", pdf.path("filename").asText("facture-" + numero + ".pdf"))
        .put("content_type", "application/pdf")
        .put("content_base64", pdf.path("pdf_base64").asText())
        .put("folder", "factures");
    ObjectNode mail = Json.object().put("to", to).put("subject", "Facture " + numero)
        .put("body_text", message != null ? message
            : String.format(DEFAULT_MESSAGE, numero, facture.path("montant_ttc").asText()));
    mail.putArray("attachments").add(Payloads.pick(upload, "filename", "content_type", "content_base64"));
    WorkflowRun.Pair sent = run.both(
        "upload", () -> run.call("upload", Service.STORAGE, "POST", "/upload", upload, false),
        "email", () -> run.call("email", Service.EMAIL, "POST", "/send", mail, false));
    if (sent.a() instanceof JsonNode stored) {
      run.onUndo("delete stored file " + stored.path("key").asText(), storedFileDelete(run, stored));
    }
    if (!(sent.b() instanceof JsonNode)) {
      // The mail did not go out: undo everything that has an undo.
      throw run.fail("email", (PortException) sent.b(), true);
    }
    if (!(sent.a() instanceof JsonNode)) {
      // The mail went out: soft-deleting the invoice now would leave the client with a cancelled invoice.
      throw run.fail("upload", (PortException) sent.a(), false);
    }
    String pdfUrl = sent.firstAnswer().path("public_url").asText();
    try {
      run.write("mark", "/facture/update",
          Json.object().put("facture_id", factureId).put("statut", "envoyee").put("pdf_url", pdfUrl));
    } catch (PortException e) {
      throw run.fail("mark", e, false);
    }
    ObjectNode result = Json.object().put("success", true).put("facture_id", factureId).put("numero", numero)
        .put("pdf_url", pdfUrl);
    result.set("email", Payloads.pick(sent.secondAnswer(), "message_id", "accepted", "sent_at"));
    return result;
  }

  /** The compensation of an upload: {@code DELETE /files/{key}}, idempotent so it may be repeated. */
  static WorkerCall storedFileDelete(WorkflowRun run, JsonNode stored) {
    return new WorkerCall(Service.STORAGE, "DELETE", "/files/" + stored.path("key").asText(), null,
        run.key("undo-upload"), true);
  }
}
