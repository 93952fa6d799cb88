package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The database worker's CRM writes: upsert an entreprise (by id, else by SIRET) and upsert a
 * qualification. Both validate first (required fields, SIRET checksum, e-mail and postcode format,
 * known statut) and write nothing when a discrepancy is found.
 */
final class CrmWrites {
  private static final Set<String> ENTREPRISE_FIELDS = Set.of("id", "nom", "siret", "adresse", "code_postal",
      "ville", "email", "telephone", "secteur");
  private static final Set<String> QUALIFICATION_FIELDS = Set.of("id", "entreprise_id", "statut", "score", "besoin",
      "prochaine_action", "date_relance", "notes");
  static final Set<String> QUALIFICATION_STATUTS = Set.of("nouveau", "contacte", "qualifie", "proposition", "gagne",
      "perdu");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final WorkerDatabase db;
  private final Clock clock;

  CrmWrites(WorkerDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  WorkerResponse upsertEntreprise(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(ENTREPRISE_FIELDS);
      String id = f.text("id");
      String siret = f.text("siret");
      if (siret != null) {
        siret = siret.replace(" ", "");
        String problem = Siret.problem(siret);
        if (problem != null) {
          found.add("siret", problem);
        }
      }
      Map<String, Object> row = null;
      if (id != null) {
        row = d.queryOne("SELECT * FROM entreprises WHERE id = ?", id);
        if (row == null) {
          found.add("id", "no entreprise with id \"" + id + "\"; leave id out to create one");
        }
      } else if (siret != null) {
        row = d.queryOne("SELECT * FROM entreprises WHERE siret = ?", siret);
      }
      String nom = row == null ? f.requiredText("nom") : f.has("nom") ? f.requiredText("nom") : (String) row.get("nom");
      if (siret != null) {
        Map<String, Object> other = d.queryOne("SELECT id, nom FROM entreprises WHERE siret = ?", siret);
        if (other != null && (row == null || !other.get("id").equals(row.get("id")))) {
          found.add("siret", "SIRET " + siret + " already belongs to entreprise \"" + other.get("nom") + "\" ("
              + other.get("id") + ")");
        }
      }
      String email = f.text("email");
      if (email != null && !EMAIL.matcher(email).matches()) {
        found.add("email", "email is not an e-mail address: \"" + email + "\"");
      }
      String cp = f.text("code_postal");
      if (cp != null && !cp.matches("\\d{5}")) {
        found.add("code_postal", "code_postal must be 5 digits, got \"" + cp + "\"");
      }
      if (!found.isEmpty()) {
        return FactureWrites.rejected(found);
      }
      String now = clock.instant().toString();
      boolean created = row == null;
      String targetId = created ? UUID.randomUUID().toString() : (String) row.get("id");
      if (created) {
        d.execute("INSERT INTO entreprises (id, nom, siret, adresse, code_postal, ville, email, telephone, secteur,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            targetId, nom, siret, f.text("adresse"), cp, f.text("ville"), email, f.text("telephone"),
            f.text("secteur"), now, now);
      } else {
        List<Object> args = new ArrayList<>(List.of(nom));
        StringBuilder set = new StringBuilder("nom = ?");
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("siret", siret);
        given.put("email", email);
        given.put("code_postal", cp);
        for (String c : new String[] {"adresse", "ville", "telephone", "secteur"}) {
          given.put(c, f.text(c));
        }
        for (Map.Entry<String, Object> e : given.entrySet()) {
          if (f.has(e.getKey())) {
            set.append(", ").append(e.getKey()).append(" = ?");
            args.add(e.getValue());
          }
        }
        set.append(", updated_at = ?");
        args.add(now);
        args.add(targetId);
        d.execute("UPDATE entreprises SET " + set + " WHERE id = ?", args.toArray());
      }
      return FactureWrites.accepted(
          Views.entreprise(d.queryOne("SELECT * FROM entreprises WHERE id = ?", targetId)).put("created", created));
    });
  }

  WorkerResponse upsertQualification(WorkerRequest request) {
    JsonNode body = request.json();
    return db.transaction(d -> {
      Discrepancies found = new Discrepancies();
      Fields f = new Fields(body, found);
      f.rejectUnknown(QUALIFICATION_FIELDS);
      String id = f.text("id");
      Map<String, Object> row = null;
      if (id != null) {
        row = d.queryOne("SELECT * FROM qualifications WHERE id = ?", id);
        if (row == null) {
          found.add("id", "no qualification with id \"" + id + "\"; leave id out to create one");
        }
      }
      String entrepriseId = row != null && !f.has("entreprise_id") ? (String) row.get("entreprise_id")
          : f.requiredText("entreprise_id");
      if (entrepriseId != null && d.queryOne("SELECT id FROM entreprises WHERE id = ?", entrepriseId) == null) {
        found.add("entreprise_id", "no entreprise with id \"" + entrepriseId + "\"");
      }
      String statut = f.oneOf("statut", QUALIFICATION_STATUTS);
      if (row == null && id == null && !f.has("statut")) {
        found.add("statut", "statut is required, one of " + new java.util.TreeSet<>(QUALIFICATION_STATUTS));
      }
      Integer score = f.integer("score", 0, 100);
      LocalDate relance = f.date("date_relance");
      if (!found.isEmpty()) {
        return FactureWrites.rejected(found);
      }
      String now = clock.instant().toString();
      boolean created = row == null;
      String targetId = created ? UUID.randomUUID().toString() : id;
      if (created) {
        d.execute("INSERT INTO qualifications (id, entreprise_id, statut, score, besoin, prochaine_action, date_relance,"
                + " notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            targetId, entrepriseId, statut, score, f.text("besoin"), f.text("prochaine_action"),
            relance == null ? null : relance.toString(), f.text("notes"), now, now);
      } else {
        d.execute("UPDATE qualifications SET entreprise_id = ?, statut = COALESCE(?, statut),"
                + " score = CASE WHEN ? THEN ? ELSE score END, besoin = COALESCE(?, besoin),"
                + " prochaine_action = COALESCE(?, prochaine_action), date_relance = COALESCE(?, date_relance),"
                + " notes = COALESCE(?, notes), updated_at = ? WHERE id = ?",
            entrepriseId, statut, f.has("score") ? 1 : 0, score, f.text("besoin"), f.text("prochaine_action"),
            relance == null ? null : relance.toString(), f.text("notes"), now, targetId);
      }
      return FactureWrites.accepted(
          Views.qualification(d.queryOne("SELECT * FROM qualifications WHERE id = ?", targetId)).put("created", created));
    });
  }

}
