package dev.toolgate.workers.flowchat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

/**
 * SAMPLE DATA, invented for the demo: fire-safety customers of a FlowChat user, with valid but
 * fictitious SIRETs. Every row carries {@code sample = 1} (shown as {@code sample_data: true}) so
 * nobody mistakes it for real data. Written once, into an empty database; dates are relative to
 * the day it is written so "unpaid", "overdue" and "this month" mean something.
 */
final class SampleData {
  private SampleData() {}

  static final String ACME_ID = "00000000-0000-4000-8000-00000000a001";
  static final String BOULANGERIE_ID = "00000000-0000-4000-8000-00000000a002";
  static final String CLINIQUE_ID = "00000000-0000-4000-8000-00000000a003";
  static final String HOTEL_ID = "00000000-0000-4000-8000-00000000a004";
  static final String FACTURE_BROUILLON_ID = "00000000-0000-4000-8000-00000000f001";
  static final String FACTURE_ENVOYEE_ID = "00000000-0000-4000-8000-00000000f002";
  static final String FACTURE_RETARD_ID = "00000000-0000-4000-8000-00000000f003";
  static final String FACTURE_PAYEE_ID = "00000000-0000-4000-8000-00000000f004";

  static void loadIfEmpty(WorkerDatabase db, Clock clock) {
    db.transaction(d -> {
      if (d.queryOne("SELECT id FROM entreprises LIMIT 1") != null) {
        return null;
      }
      LocalDate today = LocalDate.now(clock);
      String now = clock.instant().toString();
      entreprise(d, ACME_ID, "ACME Industries (exemple)", "81234567800013", "12 rue des Forges", "69007", "Lyon",
          "compta@acme-industries.example", "Industrie", now);
      entreprise(d, BOULANGERIE_ID, "Boulangerie Martin (exemple)", "52345678900016", "3 place du Marché", "33000",
          "Bordeaux", "contact@boulangerie-martin.example", "Commerce", now);
      entreprise(d, CLINIQUE_ID, "Clinique des Tilleuls (exemple)", "44512345600011", "48 avenue Foch", "75016",
          "Paris", "achats@clinique-tilleuls.example", "Santé", now);
      entreprise(d, HOTEL_ID, "Hôtel du Lac (exemple)", "90123456700013", "1 quai du Lac", "74000", "Annecy",
          "direction@hotel-du-lac.example", "Hôtellerie", now);

      qualification(d, "00000000-0000-4000-8000-00000000b001", ACME_ID, "gagne", 90,
          "Contrat annuel de vérification des extincteurs", "Planifier la visite de printemps", today.plusDays(20), now);
      qualification(d, "00000000-0000-4000-8000-00000000b002", BOULANGERIE_ID, "proposition", 60,
          "Mise en conformité alarme incendie", "Relancer le devis", today.plusDays(3), now);
      qualification(d, "00000000-0000-4000-8000-00000000b003", CLINIQUE_ID, "qualifie", 75,
          "Formation évacuation du personnel", "Envoyer le programme", today.plusDays(7), now);
      qualification(d, "00000000-0000-4000-8000-00000000b004", HOTEL_ID, "contacte", 30,
          "Désenfumage", "Appeler le directeur", today.plusDays(1), now);

      facture(d, FACTURE_BROUILLON_ID, "F" + today.getYear() + "-9001", ACME_ID, "brouillon", today, today.plusDays(30),
          "[{\"description\":\"Vérification annuelle extincteurs\",\"quantite\":12,\"prix_unitaire_ht\":25.00,"
              + "\"total_ht\":300.00},{\"description\":\"Remplacement extincteur CO2 2 kg\",\"quantite\":2,"
              + "\"prix_unitaire_ht\":95.00,\"total_ht\":190.00}]", 49000, null, null, now);
      facture(d, FACTURE_ENVOYEE_ID, "F" + today.getYear() + "-9002", CLINIQUE_ID, "envoyee", today.minusDays(10),
          today.plusDays(20), "[{\"description\":\"Formation évacuation (demi-journée)\",\"quantite\":1,"
              + "\"prix_unitaire_ht\":850.00,\"total_ht\":850.00}]", 85000, today.minusDays(10), null, now);
      facture(d, FACTURE_RETARD_ID, "F" + today.getYear() + "-9003", BOULANGERIE_ID, "envoyee", today.minusDays(60),
          today.minusDays(30), "[{\"description\":\"Détecteurs de fumée\",\"quantite\":4,\"prix_unitaire_ht\":32.50,"
              + "\"total_ht\":130.00}]", 13000, today.minusDays(60), null, now);
      facture(d, FACTURE_PAYEE_ID, "F" + today.getYear() + "-9004", ACME_ID, "payee", today.minusDays(40),
          today.minusDays(10), "[{\"description\":\"Contrat maintenance alarme (trimestre)\",\"quantite\":1,"
              + "\"prix_unitaire_ht\":1200.00,\"total_ht\":1200.00}]", 120000, today.minusDays(40), today.minusDays(15),
          now);
      d.execute("INSERT INTO paiements (id, facture_id, montant_cents, date_paiement, mode_paiement, reference, sample,"
              + " created_at) VALUES (?, ?, ?, ?, 'virement', 'VIR-EXEMPLE-001', 1, ?)",
          "00000000-0000-4000-8000-00000000c001", FACTURE_PAYEE_ID, 144000, today.minusDays(15).toString(), now);

      interaction(d, "d001", ACME_ID, "entrant", "Bonjour, pouvez-vous m'envoyer la facture de maintenance ?", today, 2);
      interaction(d, "d002", ACME_ID, "sortant", "Facture envoyée par e-mail, bonne journée.", today, 1);
      interaction(d, "d003", BOULANGERIE_ID, "entrant", "Le devis alarme me convient, on en parle jeudi ?", today, 3);
      interaction(d, "d004", CLINIQUE_ID, "sortant", "Programme de formation envoyé.", today, 5);
      interaction(d, "d005", HOTEL_ID, "entrant", "Qui peut passer voir notre désenfumage ?", today, 9);
      return null;
    });
  }

  private static void entreprise(WorkerDatabase d, String id, String nom, String siret, String adresse, String cp,
      String ville, String email, String secteur, String now) throws SQLException {
    d.execute("INSERT INTO entreprises (id, nom, siret, adresse, code_postal, ville, email, telephone, secteur, sample,"
            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '+33 1 00 00 00 00', ?, 1, ?, ?)",
        id, nom, siret, adresse, cp, ville, email, secteur, now, now);
  }

  private static void qualification(WorkerDatabase d, String id, String entrepriseId, String statut, int score,
      String besoin, String action, LocalDate relance, String now) throws SQLException {
    d.execute("INSERT INTO qualifications (id, entreprise_id, statut, score, besoin, prochaine_action, date_relance,"
            + " notes, sample, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'Donnée d''exemple', 1, ?, ?)",
        id, entrepriseId, statut, score, besoin, action, relance.toString(), now, now);
  }

  private static void facture(WorkerDatabase d, String id, String numero, String entrepriseId, String statut,
      LocalDate emission, LocalDate echeance, String lignes, long htCents, LocalDate sent, LocalDate paid, String now)
      throws SQLException {
    long tva = Money.vat(htCents, 2000);
    d.execute("INSERT INTO factures (id, numero, entreprise_id, statut, date_emission, date_echeance, lignes,"
            + " montant_ht_cents, taux_tva_bp, montant_tva_cents, montant_ttc_cents, notes, sent_at, paid_at, sample,"
            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2000, ?, ?, 'Facture d''exemple', ?, ?, 1, ?, ?)",
        id, numero, entrepriseId, statut, emission.toString(), echeance.toString(), lignes, htCents, tva, htCents + tva,
        sent == null ? null : sent + "T09:00:00Z", paid == null ? null : paid + "T09:00:00Z", now, now);
  }

  private static void interaction(WorkerDatabase d, String suffix, String entrepriseId, String direction,
      String contenu, LocalDate today, int daysAgo) throws SQLException {
    d.execute("INSERT INTO interactions (id, entreprise_id, canal, direction, contenu, sample, created_at)"
            + " VALUES (?, ?, 'telegram', ?, ?, 1, ?)",
        "00000000-0000-4000-8000-00000000" + suffix, entrepriseId, direction, contenu,
        today.minusDays(daysAgo) + "T10:00:00Z");
  }
}
