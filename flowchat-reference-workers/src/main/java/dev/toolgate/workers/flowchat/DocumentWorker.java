package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The document worker: {@code POST /generate/facture} renders an invoice PDF (lines, HT / TVA / TTC,
 * the entreprise, numbers) from a {@code facture} object as {@code get_facture_by_id} returns it, or
 * from a {@code facture_id} it reads itself; {@code POST /generate/monthly-report} renders the
 * month's figures. Both answer {@code {filename, content_type, size_bytes, sha256, pdf_base64}}.
 */
final class DocumentWorker {
  private final WorkerDatabase db;
  private final RpcFunctions rpc;

  DocumentWorker(WorkerDatabase db, RpcFunctions rpc) {
    this.db = db;
    this.rpc = rpc;
  }

  List<WorkerServer.Route> routes() {
    return List.of(
        WorkerServer.Route.write("POST", "/generate/facture", this::facture),
        WorkerServer.Route.write("POST", "/generate/monthly-report", this::monthlyReport));
  }

  private WorkerResponse facture(WorkerRequest request) {
    JsonNode body = request.json();
    JsonNode f = body.get("facture");
    if (f == null || !f.isObject()) {
      String id = body.path("facture_id").asText(null);
      if (id == null) {
        throw WorkerException.badRequest("send \"facture\" (the object get_facture_by_id returns) or \"facture_id\"");
      }
      f = call("get_facture_by_id", Map.of("p_facture_id", id));
    }
    for (String required : new String[] {"numero", "montant_ht", "montant_tva", "montant_ttc", "lignes"}) {
      if (!f.hasNonNull(required)) {
        throw WorkerException.badRequest("facture." + required + " is required to render the invoice");
      }
    }
    JsonNode e = f.path("entreprise");
    List<String> lines = new ArrayList<>();
    lines.add("# FACTURE " + f.get("numero").asText());
    lines.add("Date d'emission : " + f.path("date_emission").asText("") + "    Echeance : "
        + f.path("date_echeance").asText(""));
    lines.add("");
    lines.add("## Client");
    lines.add(e.path("nom").asText(f.path("entreprise_nom").asText("")));
    if (e.hasNonNull("siret")) {
      lines.add("SIRET " + e.get("siret").asText());
    }
    lines.add((e.path("adresse").asText("") + " " + e.path("code_postal").asText("") + " " + e.path("ville").asText(""))
        .strip());
    lines.add("");
    lines.add("## Designation | Quantite | Prix unitaire HT | Total HT");
    for (JsonNode l : f.get("lignes")) {
      lines.add(l.path("description").asText() + " | " + l.path("quantite").asText() + " | "
          + Money.format(cents(l.path("prix_unitaire_ht"))) + " | " + Money.format(cents(l.path("total_ht"))));
    }
    lines.add("");
    lines.add("Total HT : " + Money.format(cents(f.get("montant_ht"))));
    lines.add("TVA " + f.path("taux_tva").asText("20.0") + " % : " + Money.format(cents(f.get("montant_tva"))));
    lines.add("## Total TTC : " + Money.format(cents(f.get("montant_ttc"))));
    if (f.path("sample_data").asBoolean(false)) {
      lines.add("");
      lines.add("Donnees d'exemple (sample data) - document de demonstration");
    }
    return pdf("facture-" + f.get("numero").asText().replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf",
        "Facture " + f.get("numero").asText(), lines, null);
  }

  private WorkerResponse monthlyReport(WorkerRequest request) {
    JsonNode body = request.json();
    String mois = body.path("mois").asText(null);
    YearMonth month;
    try {
      month = mois == null ? YearMonth.now() : YearMonth.parse(mois);
    } catch (DateTimeParseException e) {
      throw WorkerException.badRequest("mois must be YYYY-MM, got \"" + mois + "\"");
    }
    JsonNode stats = call("get_revenue_stats",
        Map.of("p_date_debut", month.atDay(1).toString(), "p_date_fin", month.atEndOfMonth().toString()));
    JsonNode unpaid = call("get_unpaid_factures", Map.of());
    List<String> lines = new ArrayList<>();
    lines.add("# Rapport mensuel " + month);
    lines.add("Factures emises : " + stats.get("nb_factures").asInt());
    lines.add("Total HT : " + Money.format(cents(stats.get("total_ht"))));
    lines.add("Total TVA : " + Money.format(cents(stats.get("total_tva"))));
    lines.add("## Total TTC : " + Money.format(cents(stats.get("total_ttc"))));
    lines.add("Encaisse : " + Money.format(cents(stats.get("encaisse"))));
    lines.add("Reste a encaisser : " + Money.format(cents(stats.get("reste_a_encaisser"))));
    lines.add("");
    lines.add("## Factures impayees (" + unpaid.size() + ")");
    for (JsonNode f : unpaid) {
      lines.add(f.path("numero").asText() + " | " + f.path("entreprise_nom").asText() + " | "
          + Money.format(cents(f.get("montant_ttc"))) + " | echeance " + f.path("date_echeance").asText()
          + " | retard " + f.path("jours_retard").asInt() + " j");
    }
    ObjectNode summary = Json.object();
    summary.put("mois", month.toString());
    summary.set("stats", stats);
    summary.put("nb_impayees", unpaid.size());
    return pdf("rapport-" + month + ".pdf", "Rapport mensuel " + month, lines, summary);
  }

  private JsonNode call(String function, Map<String, Object> args) {
    RpcFunctions.Function fn = rpc.find(function);
    try {
      return db.transaction(d -> fn.body().call(d, args));
    } catch (RpcEndpoint.RpcError e) {
      throw new WorkerException(e.status == 404 ? 404 : 400, e.status == 404 ? "not_found" : "bad_request",
          e.getMessage());
    }
  }

  private static long cents(JsonNode euros) {
    Long c = Money.cents(euros.decimalValue());
    if (c == null) {
      throw WorkerException.badRequest("amount " + euros + " has more than 2 decimals");
    }
    return c;
  }

  private static WorkerResponse pdf(String filename, String title, List<String> lines, ObjectNode extra) {
    byte[] pdf = PdfWriter.render(title, lines);
    ObjectNode o = Json.object();
    o.put("filename", filename);
    o.put("content_type", "application/pdf");
    o.put("size_bytes", pdf.length);
    o.put("sha256", sha256(pdf));
    o.put("pdf_base64", Base64.getEncoder().encodeToString(pdf));
    if (extra != null) {
      o.setAll(extra);
    }
    return WorkerResponse.ok(o);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
