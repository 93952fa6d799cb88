package dev.toolgate.workers.flowchat;

import java.sql.SQLException;

/**
 * The workers' tables. Amounts are integer cents and VAT rates integer hundredths of a percent
 * (20 % = 2000), so "HT + TVA = TTC to the cent" is exact arithmetic, never floating point.
 */
final class Schema {
  private Schema() {}

  static void create(WorkerDatabase db) throws SQLException {
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS entreprises (
          id TEXT PRIMARY KEY, nom TEXT NOT NULL, siret TEXT UNIQUE, adresse TEXT, code_postal TEXT,
          ville TEXT, email TEXT, telephone TEXT, secteur TEXT, sample INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""");
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS qualifications (
          id TEXT PRIMARY KEY, entreprise_id TEXT NOT NULL REFERENCES entreprises(id), statut TEXT NOT NULL,
          score INTEGER, besoin TEXT, prochaine_action TEXT, date_relance TEXT, notes TEXT,
          sample INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""");
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS factures (
          id TEXT PRIMARY KEY, numero TEXT NOT NULL UNIQUE, entreprise_id TEXT NOT NULL REFERENCES entreprises(id),
          statut TEXT NOT NULL, date_emission TEXT NOT NULL, date_echeance TEXT NOT NULL,
          lignes TEXT NOT NULL, montant_ht_cents INTEGER NOT NULL, taux_tva_bp INTEGER NOT NULL,
          montant_tva_cents INTEGER NOT NULL, montant_ttc_cents INTEGER NOT NULL, notes TEXT, pdf_url TEXT,
          sent_at TEXT, paid_at TEXT, deleted_at TEXT, delete_reason TEXT, sample INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""");
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS paiements (
          id TEXT PRIMARY KEY, facture_id TEXT NOT NULL REFERENCES factures(id), montant_cents INTEGER NOT NULL,
          date_paiement TEXT NOT NULL, mode_paiement TEXT NOT NULL, reference TEXT,
          sample INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""");
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS interactions (
          id TEXT PRIMARY KEY, entreprise_id TEXT REFERENCES entreprises(id), canal TEXT NOT NULL,
          direction TEXT NOT NULL, contenu TEXT NOT NULL, sample INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL)""");
    // One stored response per (worker, Idempotency-Key): the step key the gateway sends.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS idempotency (
          worker TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
          content_type TEXT NOT NULL, body BLOB NOT NULL, created_at TEXT NOT NULL,
          PRIMARY KEY (worker, idem_key))""");
    // What the email worker handed to SMTP, so operators (and tests) can see every send.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS emails (
          id TEXT PRIMARY KEY, message_id TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT NOT NULL,
          attachments INTEGER NOT NULL, sent_at TEXT NOT NULL)""");
  }
}
