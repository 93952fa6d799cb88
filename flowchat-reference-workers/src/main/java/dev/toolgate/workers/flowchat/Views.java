package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/** Database rows as the JSON the RPC functions and the database worker return. */
final class Views {
  private Views() {}

  static ObjectNode entreprise(Map<String, Object> row) {
    ObjectNode o = Json.object();
    for (String f : new String[] {"id", "nom", "siret", "adresse", "code_postal", "ville", "email", "telephone",
        "secteur", "created_at", "updated_at"}) {
      o.put(f, (String) row.get(f));
    }
    o.put("sample_data", isTrue(row.get("sample")));
    return o;
  }

  static ObjectNode qualification(Map<String, Object> row) {
    ObjectNode o = Json.object();
    for (String f : new String[] {"id", "entreprise_id", "statut", "besoin", "prochaine_action", "date_relance",
        "notes", "created_at", "updated_at"}) {
      o.put(f, (String) row.get(f));
    }
    Object score = row.get("score");
    if (score == null) {
      o.putNull("score");
    } else {
      o.put("score", ((Number) score).intValue());
    }
    if (row.containsKey("entreprise_nom")) {
      o.put("entreprise_nom", (String) row.get("entreprise_nom"));
    }
    o.put("sample_data", isTrue(row.get("sample")));
    return o;
  }

  static ObjectNode facture(Map<String, Object> row) {
    ObjectNode o = Json.object();
    for (String f : new String[] {"id", "numero", "entreprise_id", "statut", "date_emission", "date_echeance",
        "notes", "pdf_url", "sent_at", "paid_at", "deleted_at", "created_at", "updated_at"}) {
      o.put(f, (String) row.get(f));
    }
    o.set("lignes", lignes((String) row.get("lignes")));
    o.put("montant_ht", Money.euros(cents(row, "montant_ht_cents")));
    o.put("taux_tva", Money.percent(cents(row, "taux_tva_bp")));
    o.put("montant_tva", Money.euros(cents(row, "montant_tva_cents")));
    o.put("montant_ttc", Money.euros(cents(row, "montant_ttc_cents")));
    o.put("deleted", row.get("deleted_at") != null);
    if (row.containsKey("entreprise_nom")) {
      o.put("entreprise_nom", (String) row.get("entreprise_nom"));
    }
    o.put("sample_data", isTrue(row.get("sample")));
    return o;
  }

  static ObjectNode paiement(Map<String, Object> row) {
    ObjectNode o = Json.object();
    for (String f : new String[] {"id", "facture_id", "date_paiement", "mode_paiement", "reference", "created_at"}) {
      o.put(f, (String) row.get(f));
    }
    o.put("montant", Money.euros(cents(row, "montant_cents")));
    o.put("sample_data", isTrue(row.get("sample")));
    return o;
  }

  static ObjectNode interaction(Map<String, Object> row) {
    ObjectNode o = Json.object();
    for (String f : new String[] {"id", "entreprise_id", "entreprise_nom", "canal", "direction", "contenu",
        "created_at"}) {
      o.put(f, (String) row.get(f));
    }
    o.put("sample_data", isTrue(row.get("sample")));
    return o;
  }

  static long cents(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  static JsonNode lignes(String stored) {
    try {
      return Json.MAPPER.readTree(stored);
    } catch (IOException e) {
      throw new IllegalStateException("stored invoice lines are not JSON: " + e.getMessage(), e);
    }
  }

  private static boolean isTrue(Object v) {
    return v instanceof Number n && n.intValue() != 0;
  }
}
