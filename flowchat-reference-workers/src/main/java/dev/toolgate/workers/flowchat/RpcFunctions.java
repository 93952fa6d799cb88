package dev.toolgate.workers.flowchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 11 read functions the FlowChat READ tools call, as they would exist in the user's Supabase
 * project ({@code public} schema, STABLE, named {@code p_} parameters). Each declares its
 * parameters so the endpoint can answer exactly like PostgREST (PGRST202, 22P02).
 */
final class RpcFunctions {
  enum Type { TEXT, INT, BOOL, DATE, UUID }

  record Param(String name, Type type, boolean required) {}

  /** A function's result: a set (JSON array) or a single object. */
  @FunctionalInterface
  interface Body {
    JsonNode call(WorkerDatabase d, Map<String, Object> args) throws SQLException;
  }

  record Function(String name, List<Param> params, Body body) {}

  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Clock clock;

  RpcFunctions(Clock clock) {
    this.clock = clock;
    define("search_entreprise_with_stats", this::searchEntreprises, req("p_search_term", Type.TEXT), opt("p_limit", Type.INT));
    define("get_entreprise_by_id", this::entrepriseById, req("p_entreprise_id", Type.UUID));
    define("list_entreprises", this::listEntreprises, opt("p_limit", Type.INT), opt("p_offset", Type.INT),
        opt("p_ville", Type.TEXT));
    define("get_stats_entreprises", this::statsEntreprises);
    define("get_entreprise_qualifications", this::qualificationsOf, req("p_entreprise_id", Type.UUID));
    define("search_qualifications", this::searchQualifications, opt("p_statut", Type.TEXT),
        opt("p_date_debut", Type.DATE), opt("p_date_fin", Type.DATE), opt("p_limit", Type.INT));
    define("search_factures", this::searchFactures, opt("p_search_term", Type.TEXT), opt("p_statut", Type.TEXT),
        opt("p_entreprise_id", Type.UUID), opt("p_date_debut", Type.DATE), opt("p_date_fin", Type.DATE),
        opt("p_limit", Type.INT));
    define("get_facture_by_id", this::factureById, req("p_facture_id", Type.UUID));
    define("get_unpaid_factures", this::unpaid, opt("p_entreprise_id", Type.UUID), opt("p_overdue_only", Type.BOOL),
        opt("p_limit", Type.INT));
    define("get_revenue_stats", this::revenue, opt("p_date_debut", Type.DATE), opt("p_date_fin", Type.DATE));
    define("list_recent_interactions", this::interactions, opt("p_entreprise_id", Type.UUID), opt("p_days", Type.INT),
        opt("p_limit", Type.INT));
  }

  Function find(String name) {
    return functions.get(name);
  }

  java.util.Collection<Function> all() {
    return functions.values();
  }

  private void define(String name, Body body, Param... params) {
    functions.put(name, new Function(name, List.of(params), body));
  }

  private static Param req(String name, Type type) {
    return new Param(name, type, true);
  }

  private static Param opt(String name, Type type) {
    return new Param(name, type, false);
  }

  private static int limit(Map<String, Object> a, int dflt) {
    Object v = a.get("p_limit");
    return v == null ? dflt : Math.max(0, Math.min(1000, (Integer) v));
  }

  private static ArrayNode rows(List<Map<String, Object>> rows, java.util.function.Function<Map<String, Object>, ObjectNode> view) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    rows.forEach(r -> out.add(view.apply(r)));
    return out;
  }

  private static final String ENTREPRISE_STATS =
      "SELECT e.*, (SELECT COUNT(*) FROM factures f WHERE f.entreprise_id = e.id AND f.deleted_at IS NULL) AS nb_factures,"
          + " (SELECT COALESCE(SUM(montant_ttc_cents), 0) FROM factures f WHERE f.entreprise_id = e.id"
          + "  AND f.deleted_at IS NULL AND f.statut IN ('envoyee', 'payee')) AS ca_total_cents,"
          + " (SELECT COALESCE(SUM(montant_ttc_cents), 0) FROM factures f WHERE f.entreprise_id = e.id"
          + "  AND f.deleted_at IS NULL AND f.statut = 'envoyee') AS impaye_cents,"
          + " (SELECT MAX(date_emission) FROM factures f WHERE f.entreprise_id = e.id AND f.deleted_at IS NULL)"
          + "  AS derniere_facture FROM entreprises e";

  private static ObjectNode withStats(Map<String, Object> r) {
    ObjectNode o = Views.entreprise(r);
    o.put("nb_factures", ((Number) r.get("nb_factures")).intValue());
    o.put("ca_total", Money.euros(Views.cents(r, "ca_total_cents")));
    o.put("montant_impaye", Money.euros(Views.cents(r, "impaye_cents")));
    o.put("derniere_facture", (String) r.get("derniere_facture"));
    return o;
  }

  private JsonNode searchEntreprises(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    String term = "%" + a.get("p_search_term") + "%";
    return rows(d.query(ENTREPRISE_STATS + " WHERE e.nom LIKE ? OR e.siret LIKE ? OR e.ville LIKE ? ORDER BY e.nom LIMIT ?",
        term, term, term, limit(a, 10)), RpcFunctions::withStats);
  }

  private JsonNode entrepriseById(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    Map<String, Object> r = d.queryOne(ENTREPRISE_STATS + " WHERE e.id = ?", a.get("p_entreprise_id"));
    if (r == null) {
      throw new RpcEndpoint.RpcError(404, "PT404", "entreprise not found: " + a.get("p_entreprise_id"), null,
          "Search first with search_entreprise_with_stats to get a valid id.");
    }
    ObjectNode o = withStats(r);
    o.set("qualifications", qualificationsOf(d, a));
    return o;
  }

  private JsonNode listEntreprises(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    Object offset = a.get("p_offset");
    Object ville = a.get("p_ville");
    return rows(d.query(ENTREPRISE_STATS + " WHERE (? IS NULL OR e.ville = ?) ORDER BY e.nom LIMIT ? OFFSET ?",
        ville, ville, limit(a, 20), offset == null ? 0 : offset), RpcFunctions::withStats);
  }

  private JsonNode statsEntreprises(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    LocalDate monthStart = LocalDate.now(clock).withDayOfMonth(1);
    Map<String, Object> r = d.queryOne("SELECT (SELECT COUNT(*) FROM entreprises) AS total_entreprises,"
        + " (SELECT COUNT(DISTINCT entreprise_id) FROM factures WHERE deleted_at IS NULL) AS avec_factures,"
        + " (SELECT COUNT(*) FROM factures WHERE deleted_at IS NULL) AS nb_factures,"
        + " (SELECT COALESCE(SUM(montant_ttc_cents), 0) FROM factures WHERE deleted_at IS NULL AND statut IN ('envoyee','payee')) AS ca,"
        + " (SELECT COALESCE(SUM(montant_ttc_cents), 0) FROM factures WHERE deleted_at IS NULL AND statut IN ('envoyee','payee')"
        + "   AND date_emission >= ?) AS ca_mois,"
        + " (SELECT COUNT(*) FROM factures WHERE deleted_at IS NULL AND statut = 'envoyee') AS nb_impayees,"
        + " (SELECT COALESCE(SUM(montant_ttc_cents), 0) FROM factures WHERE deleted_at IS NULL AND statut = 'envoyee') AS impaye,"
        + " (SELECT COUNT(*) FROM qualifications WHERE statut NOT IN ('gagne','perdu')) AS opportunites_ouvertes",
        monthStart.toString());
    ObjectNode o = Json.object();
    o.put("total_entreprises", ((Number) r.get("total_entreprises")).intValue());
    o.put("entreprises_avec_factures", ((Number) r.get("avec_factures")).intValue());
    o.put("nb_factures", ((Number) r.get("nb_factures")).intValue());
    o.put("ca_total", Money.euros(Views.cents(r, "ca")));
    o.put("ca_mois_en_cours", Money.euros(Views.cents(r, "ca_mois")));
    o.put("nb_factures_impayees", ((Number) r.get("nb_impayees")).intValue());
    o.put("montant_impaye", Money.euros(Views.cents(r, "impaye")));
    o.put("opportunites_ouvertes", ((Number) r.get("opportunites_ouvertes")).intValue());
    return o;
  }

  private JsonNode qualificationsOf(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    return rows(d.query("SELECT * FROM qualifications WHERE entreprise_id = ? ORDER BY updated_at DESC",
        a.get("p_entreprise_id")), Views::qualification);
  }

  private JsonNode searchQualifications(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    return rows(d.query("SELECT q.*, e.nom AS entreprise_nom FROM qualifications q JOIN entreprises e ON e.id = q.entreprise_id"
            + " WHERE (? IS NULL OR q.statut = ?) AND (? IS NULL OR q.date_relance >= ?) AND (? IS NULL OR q.date_relance <= ?)"
            + " ORDER BY q.date_relance LIMIT ?",
        a.get("p_statut"), a.get("p_statut"), str(a, "p_date_debut"), str(a, "p_date_debut"), str(a, "p_date_fin"),
        str(a, "p_date_fin"), limit(a, 20)), Views::qualification);
  }

  private static final String FACTURES = "SELECT f.*, e.nom AS entreprise_nom FROM factures f"
      + " JOIN entreprises e ON e.id = f.entreprise_id WHERE f.deleted_at IS NULL";

  private JsonNode searchFactures(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    Object term = a.get("p_search_term") == null ? null : "%" + a.get("p_search_term") + "%";
    return rows(d.query(FACTURES + " AND (? IS NULL OR f.numero LIKE ? OR e.nom LIKE ?) AND (? IS NULL OR f.statut = ?)"
            + " AND (? IS NULL OR f.entreprise_id = ?) AND (? IS NULL OR f.date_emission >= ?)"
            + " AND (? IS NULL OR f.date_emission <= ?) ORDER BY f.date_emission DESC, f.numero DESC LIMIT ?",
        term, term, term, a.get("p_statut"), a.get("p_statut"), a.get("p_entreprise_id"), a.get("p_entreprise_id"),
        str(a, "p_date_debut"), str(a, "p_date_debut"), str(a, "p_date_fin"), str(a, "p_date_fin"), limit(a, 20)),
        Views::facture);
  }

  private JsonNode factureById(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    // Deleted invoices are still readable by id (with deleted: true): an audit trail, not a hole.
    Map<String, Object> r = d.queryOne("SELECT f.*, e.nom AS entreprise_nom FROM factures f"
        + " JOIN entreprises e ON e.id = f.entreprise_id WHERE f.id = ?", a.get("p_facture_id"));
    if (r == null) {
      throw new RpcEndpoint.RpcError(404, "PT404", "facture not found: " + a.get("p_facture_id"), null,
          "Search first with search_factures to get a valid id.");
    }
    ObjectNode o = Views.facture(r);
    o.set("entreprise", Views.entreprise(d.queryOne("SELECT * FROM entreprises WHERE id = ?", r.get("entreprise_id"))));
    o.set("paiements", rows(d.query("SELECT * FROM paiements WHERE facture_id = ? ORDER BY date_paiement", r.get("id")),
        Views::paiement));
    return o;
  }

  private JsonNode unpaid(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    String today = LocalDate.now(clock).toString();
    boolean overdue = Boolean.TRUE.equals(a.get("p_overdue_only"));
    ArrayNode out = rows(d.query(FACTURES + " AND f.statut = 'envoyee' AND (? IS NULL OR f.entreprise_id = ?)"
            + " AND (? = 0 OR f.date_echeance < ?) ORDER BY f.date_echeance LIMIT ?",
        a.get("p_entreprise_id"), a.get("p_entreprise_id"), overdue ? 1 : 0, today, limit(a, 50)), Views::facture);
    for (JsonNode f : out) {
      long late = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(f.get("date_echeance").asText()),
          LocalDate.now(clock));
      ((ObjectNode) f).put("jours_retard", Math.max(0, late));
    }
    return out;
  }

  private JsonNode revenue(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    LocalDate today = LocalDate.now(clock);
    String from = a.get("p_date_debut") == null ? today.withDayOfYear(1).toString() : a.get("p_date_debut").toString();
    String to = a.get("p_date_fin") == null ? today.toString() : a.get("p_date_fin").toString();
    List<Map<String, Object>> months = d.query("SELECT SUBSTR(date_emission, 1, 7) AS mois, COUNT(*) AS nb,"
        + " SUM(montant_ht_cents) AS ht, SUM(montant_tva_cents) AS tva, SUM(montant_ttc_cents) AS ttc,"
        + " SUM(CASE WHEN statut = 'payee' THEN montant_ttc_cents ELSE 0 END) AS encaisse FROM factures"
        + " WHERE deleted_at IS NULL AND statut IN ('envoyee', 'payee') AND date_emission BETWEEN ? AND ?"
        + " GROUP BY mois ORDER BY mois", from, to);
    ObjectNode o = Json.object();
    o.put("date_debut", from);
    o.put("date_fin", to);
    long ht = 0, tva = 0, ttc = 0, enc = 0;
    int nb = 0;
    ArrayNode parMois = o.putArray("par_mois");
    for (Map<String, Object> m : months) {
      ObjectNode row = parMois.addObject();
      row.put("mois", (String) m.get("mois"));
      row.put("nb_factures", ((Number) m.get("nb")).intValue());
      row.put("total_ht", Money.euros(Views.cents(m, "ht")));
      row.put("total_ttc", Money.euros(Views.cents(m, "ttc")));
      row.put("encaisse", Money.euros(Views.cents(m, "encaisse")));
      nb += ((Number) m.get("nb")).intValue();
      ht += Views.cents(m, "ht");
      tva += Views.cents(m, "tva");
      ttc += Views.cents(m, "ttc");
      enc += Views.cents(m, "encaisse");
    }
    o.put("nb_factures", nb);
    o.put("total_ht", Money.euros(ht));
    o.put("total_tva", Money.euros(tva));
    o.put("total_ttc", Money.euros(ttc));
    o.put("encaisse", Money.euros(enc));
    o.put("reste_a_encaisser", Money.euros(ttc - enc));
    return o;
  }

  private JsonNode interactions(WorkerDatabase d, Map<String, Object> a) throws SQLException {
    int days = a.get("p_days") == null ? 7 : (Integer) a.get("p_days");
    String since = LocalDate.now(clock).minusDays(days).toString();
    return rows(d.query("SELECT i.*, e.nom AS entreprise_nom FROM interactions i LEFT JOIN entreprises e"
            + " ON e.id = i.entreprise_id WHERE (? IS NULL OR i.entreprise_id = ?) AND i.created_at >= ?"
            + " ORDER BY i.created_at DESC LIMIT ?",
        a.get("p_entreprise_id"), a.get("p_entreprise_id"), since, limit(a, 20)), Views::interaction);
  }

  private static String str(Map<String, Object> a, String k) {
    return a.get(k) == null ? null : a.get(k).toString();
  }

  static List<String> names(List<Param> params) {
    List<String> n = new ArrayList<>();
    params.forEach(p -> n.add(p.name()));
    return n;
  }
}
