package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The database worker's invoice writes: create, update, soft delete, mark paid. Each validates
 * first (amounts to the cent, allowed VAT rate, dates, status transitions brouillon → envoyee →
 * payee) and writes nothing when a discrepancy is found.
 */
final class FactureWrites {
  private static final Set<String> CREATE_FIELDS = Set.of("entreprise_id", "numero", "date_emission",
      "date_echeance", "lignes", "montant_ht", "taux_tva", "montant_tva", "montant_ttc", "notes", "statut");
  private static final Set<String> UPDATE_FIELDS = Set.of("facture_id", "date_emission", "date_echeance",
      "lignes", "montant_ht", "taux_tva", "montant_tva", "montant_ttc", "notes", "statut", "pdf_url");
  private static final Set<String> MONEY_FIELDS = Set.of("lignes", "montant_ht", "taux_tva", "montant_tva",
      "montant_ttc", "date_emission");
  private static final Set<String> MODES = Set.of("virement", "cheque", "carte", "especes", "prelevement");
  private static final long DEFAULT_VAT_BP = 2000;

  private final WorkerDatabase db;
  private final Clock clock;

  FactureWrites(WorkerDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Validated amounts of an invoice (cents and basis points). */
  private record Amounts(ArrayNode lignes, long ht, long rateBp, long tva, long ttc) {}

  WorkerResponse create(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(CREATE_FIELDS);
      String entrepriseId = f.requiredText("entreprise_id");
      if (entrepriseId != null && d.queryOne("SELECT id FROM entreprises WHERE id = ?", entrepriseId) == null) {
        found.add("entreprise_id", "no entreprise with id \"" + entrepriseId + "\"");
      }
      String statut = f.text("statut");
      if (statut != null && !statut.equals("brouillon")) {
        found.add("statut", "a new facture starts as \"brouillon\", got \"" + statut + "\"");
      }
      String numero = f.text("numero");
      if (numero != null && d.queryOne("SELECT id FROM factures WHERE numero = ?", numero) != null) {
        found.add("numero", "numero \"" + numero + "\" is already used by another facture");
      }
      LocalDate today = LocalDate.now(clock);
      LocalDate emission = f.has("date_emission") ? f.date("date_emission") : today;
      LocalDate echeance = f.has("date_echeance") ? f.date("date_echeance")
          : emission == null ? null : emission.plusDays(30);
      checkDates(emission, echeance, found);
      Amounts a = amounts(body, f, found, null);
      if (!found.isEmpty()) {
        return rejected(found);
      }
      String id = UUID.randomUUID().toString();
      String num = numero != null ? numero : nextNumero(d, emission.getYear());
      String now = clock.instant().toString();
      d.execute("INSERT INTO factures (id, numero, entreprise_id, statut, date_emission, date_echeance, lignes,"
              + " montant_ht_cents, taux_tva_bp, montant_tva_cents, montant_ttc_cents, notes, created_at, updated_at)"
              + " VALUES (?, ?, ?, 'brouillon', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, num, entrepriseId, emission.toString(), echeance.toString(), Json.text(a.lignes()),
          a.ht(), a.rateBp(), a.tva(), a.ttc(), f.text("notes"), now, now);
      return accepted(load(d, id));
    });
  }

  WorkerResponse update(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(UPDATE_FIELDS);
      Map<String, Object> row = existing(d, f, found);
      if (row == null) {
        return rejected(found);
      }
      String current = (String) row.get("statut");
      if (mustNotChange(row, "update", found)) {
        return rejected(found);
      }
      String statut = f.oneOf("statut", Set.of("brouillon", "envoyee", "payee"));
      if (statut != null && !statut.equals(current)) {
        if (statut.equals("payee")) {
          found.add("statut", "a facture becomes payee only through /facture/mark-paid, which records the paiement");
        } else if (!(current.equals("brouillon") && statut.equals("envoyee"))) {
          found.add("statut", "status cannot go from " + current + " to " + statut
              + "; allowed: brouillon -> envoyee -> payee");
        }
      }
      if (!current.equals("brouillon")) {
        for (String m : MONEY_FIELDS) {
          if (f.has(m)) {
            found.add(m, m + " cannot change once the facture is " + current + " (only while brouillon)");
          }
        }
      }
      LocalDate emission = f.has("date_emission") ? f.date("date_emission") : LocalDate.parse((String) row.get("date_emission"));
      LocalDate echeance = f.has("date_echeance") ? f.date("date_echeance") : LocalDate.parse((String) row.get("date_echeance"));
      checkDates(emission, echeance, found);
      Amounts a = amounts(body, f, found, row);
      String pdfUrl = f.text("pdf_url");
      String notes = f.has("notes") ? f.text("notes") : (String) row.get("notes");
      if (!found.isEmpty()) {
        return rejected(found);
      }
      String newStatut = statut == null ? current : statut;
      String now = clock.instant().toString();
      String sentAt = newStatut.equals("envoyee") && row.get("sent_at") == null ? now : (String) row.get("sent_at");
      d.execute("UPDATE factures SET statut = ?, date_emission = ?, date_echeance = ?, lignes = ?, montant_ht_cents = ?,"
              + " taux_tva_bp = ?, montant_tva_cents = ?, montant_ttc_cents = ?, notes = ?, pdf_url = COALESCE(?, pdf_url),"
              + " sent_at = ?, updated_at = ? WHERE id = ?",
          newStatut, emission.toString(), echeance.toString(), Json.text(a.lignes()),
          a.ht(), a.rateBp(), a.tva(), a.ttc(), notes, pdfUrl, sentAt, now, row.get("id"));
      return accepted(load(d, (String) row.get("id")));
    });
  }

  WorkerResponse delete(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(Set.of("facture_id", "reason"));
      Map<String, Object> row = existing(d, f, found);
      if (row == null) {
        return rejected(found);
      }
      if (row.get("deleted_at") != null) {
        // Deleting twice is the same outcome: compensations may be retried.
        return accepted(Views.facture(row).put("already_deleted", true));
      }
      if ("payee".equals(row.get("statut"))) {
        found.add("statut", "a payee facture cannot be deleted (it has a recorded paiement)");
        return rejected(found);
      }
      String now = clock.instant().toString();
      d.execute("UPDATE factures SET deleted_at = ?, delete_reason = ?, updated_at = ? WHERE id = ?",
          now, f.text("reason"), now, row.get("id"));
      return accepted(load(d, (String) row.get("id")).put("already_deleted", false));
    });
  }

  WorkerResponse markPaid(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(Set.of("facture_id", "montant", "date_paiement", "mode_paiement", "reference"));
      Map<String, Object> row = existing(d, f, found);
      if (row == null) {
        return rejected(found);
      }
      if (mustNotChange(row, "mark paid", found)) {
        return rejected(found);
      }
      if (!"envoyee".equals(row.get("statut"))) {
        found.add("statut", "only an envoyee facture can be marked paid; this one is " + row.get("statut"));
      }
      long ttc = Views.cents(row, "montant_ttc_cents");
      Long montant = f.has("montant") ? f.amount("montant") : Long.valueOf(ttc);
      if (montant != null && montant != ttc) {
        found.add("montant", "montant must equal montant_ttc " + Money.euros(ttc).toPlainString() + ", got "
            + Money.euros(montant).toPlainString());
      }
      LocalDate date = f.has("date_paiement") ? f.date("date_paiement") : LocalDate.now(clock);
      String mode = f.has("mode_paiement") ? f.oneOf("mode_paiement", MODES) : "virement";
      if (!found.isEmpty()) {
        return rejected(found);
      }
      String now = clock.instant().toString();
      String paiementId = UUID.randomUUID().toString();
      d.execute("INSERT INTO paiements (id, facture_id, montant_cents, date_paiement, mode_paiement, reference, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)", paiementId, row.get("id"), ttc, date.toString(), mode, f.text("reference"), now);
      d.execute("UPDATE factures SET statut = 'payee', paid_at = ?, updated_at = ? WHERE id = ?", now, now, row.get("id"));
      ObjectNode out = load(d, (String) row.get("id"));
      out.set("paiement", Views.paiement(d.queryOne("SELECT * FROM paiements WHERE id = ?", paiementId)));
      return accepted(out);
    });
  }

  private static Map<String, Object> existing(WorkerDatabase d, Fields f, Discrepancies found) throws SQLException {
    String id = f.requiredText("facture_id");
    if (id == null) {
      return null;
    }
    Map<String, Object> row = d.queryOne("SELECT * FROM factures WHERE id = ?", id);
    if (row == null) {
      found.add("facture_id", "no facture with id \"" + id + "\"");
    }
    return row;
  }

  /** Deleted and paid invoices are final. */
  private static boolean mustNotChange(Map<String, Object> row, String action, Discrepancies found) {
    if (row.get("deleted_at") != null) {
      found.add("facture_id", "facture " + row.get("numero") + " is deleted; cannot " + action + " it");
      return true;
    }
    if ("payee".equals(row.get("statut"))) {
      found.add("statut", "facture " + row.get("numero") + " is payee; no change is allowed after payment");
      return true;
    }
    return false;
  }

  private static void checkDates(LocalDate emission, LocalDate echeance, Discrepancies found) {
    if (emission != null && echeance != null && echeance.isBefore(emission)) {
      found.add("date_echeance", "date_echeance " + echeance + " is before date_emission " + emission);
    }
  }

  /**
   * Lines, HT, rate, TVA and TTC, each checked against the others. What the request leaves out is
   * taken from {@code row} (an update) or computed; what it gives must agree to the cent.
   */
  private static Amounts amounts(JsonNode body, Fields f, Discrepancies found, Map<String, Object> row) {
    ArrayNode lignes = null;
    Long linesTotal = null;
    if (body.has("lignes")) {
      lignes = lines(body.get("lignes"), f, found);
      if (lignes != null) {
        linesTotal = 0L;
        for (JsonNode l : lignes) {
          linesTotal += Money.cents(l.get("total_ht").decimalValue());
        }
      }
    } else if (row != null) {
      lignes = (ArrayNode) Views.lignes((String) row.get("lignes"));
    }
    Long ht = f.amount("montant_ht");
    if (ht == null && !f.has("montant_ht")) {
      if (linesTotal != null) {
        ht = linesTotal;
      } else if (row != null) {
        ht = Views.cents(row, "montant_ht_cents");
      } else {
        found.add("montant_ht", "montant_ht is required (or lignes to compute it)");
      }
    }
    if (ht != null && linesTotal == null && lignes != null && !lignes.isEmpty()) {
      linesTotal = 0L;
      for (JsonNode l : lignes) {
        linesTotal += Money.cents(l.get("total_ht").decimalValue());
      }
    }
    if (ht != null && linesTotal != null && !linesTotal.equals(ht)) {
      found.add("montant_ht", "montant_ht " + Money.euros(ht).toPlainString() + " does not equal the sum of lignes "
          + Money.euros(linesTotal).toPlainString());
    }
    long rate = row == null ? DEFAULT_VAT_BP : Views.cents(row, "taux_tva_bp");
    if (f.has("taux_tva")) {
      BigDecimal r = f.decimal("taux_tva");
      Long bp = r == null ? null : Money.basisPoints(r);
      if (r != null && (bp == null || !Money.FRENCH_VAT_RATES_BP.contains(bp))) {
        found.add("taux_tva", "taux_tva must be one of 20.0, 10.0, 5.5, 2.1, 0.0 (French VAT rates), got "
            + r.toPlainString());
      } else if (bp != null) {
        rate = bp;
      }
    }
    if (ht == null) {
      return new Amounts(lignes == null ? Json.MAPPER.createArrayNode() : lignes, 0, rate, 0, 0);
    }
    long tva = Money.vat(ht, rate);
    Long givenTva = f.amount("montant_tva");
    if (givenTva != null && givenTva != tva) {
      found.add("montant_tva", "montant_tva must be " + Money.euros(tva).toPlainString() + " (" + Money.percent(rate)
          + " % of " + Money.euros(ht).toPlainString() + "), got " + Money.euros(givenTva).toPlainString());
    }
    long ttc = ht + tva;
    Long givenTtc = f.amount("montant_ttc");
    // TTC is checked against HT + the TVA as given, so one wrong TVA is reported once, not twice.
    long tvaUsed = givenTva != null ? givenTva : tva;
    if (givenTtc != null && givenTtc != ht + tvaUsed) {
      found.add("montant_ttc", "montant_ttc must be " + Money.euros(ht + tvaUsed).toPlainString() + " (HT "
          + Money.euros(ht).toPlainString() + " + TVA " + Money.euros(tvaUsed).toPlainString() + "), got "
          + Money.euros(givenTtc).toPlainString());
    }
    return new Amounts(lignes == null ? Json.MAPPER.createArrayNode() : lignes, ht, rate, tva, ttc);
  }

  /** Normalised lines {description, quantite, prix_unitaire_ht, total_ht}, or null when invalid. */
  private static ArrayNode lines(JsonNode given, Fields f, Discrepancies found) {
    if (!given.isArray() || given.isEmpty()) {
      found.add("lignes", "lignes must be a non-empty array of {description, quantite, prix_unitaire_ht}");
      return null;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    boolean ok = true;
    for (int i = 0; i < given.size(); i++) {
      JsonNode l = given.get(i);
      String at = "lignes[" + i + "]";
      String description = l.path("description").asText("").strip();
      if (description.isEmpty()) {
        found.add(at + ".description", "description is required");
        ok = false;
      }
      BigDecimal qty = l.has("quantite") ? f.decimal(at + ".quantite", l.get("quantite")) : null;
      if (qty == null || qty.signum() <= 0) {
        found.add(at + ".quantite", "quantite must be a number greater than 0, got " + l.get("quantite"));
        ok = false;
      }
      BigDecimal pu = l.has("prix_unitaire_ht") ? f.decimal(at + ".prix_unitaire_ht", l.get("prix_unitaire_ht")) : null;
      Long puCents = pu == null ? null : f.amount(at + ".prix_unitaire_ht", pu);
      if (pu == null || puCents == null) {
        if (pu == null) {
          found.add(at + ".prix_unitaire_ht", "prix_unitaire_ht is required");
        }
        ok = false;
      }
      if (ok) {
        BigDecimal total = qty.multiply(Money.euros(puCents)).setScale(2, RoundingMode.HALF_UP);
        if (l.has("total_ht")) {
          BigDecimal givenTotal = f.decimal(at + ".total_ht", l.get("total_ht"));
          if (givenTotal != null && givenTotal.compareTo(total) != 0) {
            found.add(at + ".total_ht", "total_ht must be " + total.toPlainString() + " (" + qty.toPlainString()
                + " x " + Money.euros(puCents).toPlainString() + "), got " + givenTotal.toPlainString());
            ok = false;
          }
        }
        ObjectNode n = out.addObject();
        n.put("description", description);
        n.put("quantite", qty.stripTrailingZeros().scale() < 0 ? qty.setScale(0) : qty.stripTrailingZeros());
        n.put("prix_unitaire_ht", Money.euros(puCents));
        n.put("total_ht", total);
      }
    }
    return ok ? out : null;
  }

  private static String nextNumero(WorkerDatabase d, int year) throws SQLException {
    String prefix = "F" + year + "-";
    Map<String, Object> r = d.queryOne(
        "SELECT MAX(CAST(SUBSTR(numero, ?) AS INTEGER)) AS n FROM factures WHERE numero LIKE ?",
        prefix.length() + 1, prefix + "%");
    long next = r == null || r.get("n") == null ? 1 : ((Number) r.get("n")).longValue() + 1;
    return prefix + String.format("%04d", next);
  }

  private static ObjectNode load(WorkerDatabase d, String id) throws SQLException {
    return Views.facture(d.queryOne("SELECT * FROM factures WHERE id = ?", id));
  }

  static WorkerResponse rejected(Discrepancies found) {
    ObjectNode o = Json.object();
    o.put("validated", false);
    o.set("discrepancies", Json.MAPPER.valueToTree(found.asList()));
    return WorkerResponse.ok(o);
  }

  static WorkerResponse accepted(ObjectNode entity) {
    ObjectNode o = Json.object();
    o.put("validated", true);
    o.set("discrepancies", Json.MAPPER.createArrayNode());
    o.setAll(entity);
    return WorkerResponse.ok(o);
  }
}
