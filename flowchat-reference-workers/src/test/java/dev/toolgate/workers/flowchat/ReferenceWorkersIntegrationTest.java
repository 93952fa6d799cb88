package dev.toolgate.workers.flowchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The workers over real HTTP on loopback, one SQLite file, GreenMail as the SMTP server. */
class ReferenceWorkersIntegrationTest {
  private static final String AUTH = "test-worker-secret";
  private static final String APIKEY = "sb_secret_test";

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

  @TempDir Path dir;
  private ReferenceWorkers workers;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    workers = ReferenceWorkers.start(ReferenceWorkersConfig.defaults(dir)
        .withWorkerAuthKey(AUTH)
        .withSupabaseApiKey(APIKEY)
        .withSmtp("127.0.0.1", MAIL.getSmtp().getPort(), "factures@flowchat.example"));
  }

  @AfterEach
  void stop() {
    workers.close();
  }

  private record Reply(int status, JsonNode json, Map<String, java.util.List<String>> headers) {}

  private Reply post(URI base, String path, String body, String auth, String idemKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .header("X-Request-ID", "req-test-1");
    if (auth != null) {
      b.header("X-FlowChat-Worker-Auth", auth);
    }
    if (idemKey != null) {
      b.header("Idempotency-Key", idemKey);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), Json.MAPPER.readTree(r.body()), r.headers().map());
  }

  private Reply db(String path, String body) throws Exception {
    return post(workers.databaseWorkerUrl(), path, body, AUTH, null);
  }

  private Reply rpc(String function, String body, String apikey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(workers.supabaseUrl().resolve("/rest/v1/rpc/" + function))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (apikey != null) {
      b.header("apikey", apikey).header("Authorization", "Bearer " + apikey);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), Json.MAPPER.readTree(r.body()), r.headers().map());
  }

  @Test
  void rpcSearchesSampleEntreprisesWithStats() throws Exception {
    Reply r = rpc("search_entreprise_with_stats", "{\"p_search_term\":\"ACME\",\"p_limit\":5}", APIKEY);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("content-range")).containsExactly("0-0/*");
    JsonNode acme = r.json().get(0);
    assertThat(acme.get("nom").asText()).isEqualTo("ACME Industries (exemple)");
    assertThat(acme.get("sample_data").asBoolean()).isTrue();
    assertThat(acme.get("ca_total").decimalValue()).isEqualByComparingTo("1440.00");
  }

  @Test
  void rpcErrorsHavePostgrestShape() throws Exception {
    Reply unknownArg = rpc("search_entreprise_with_stats", "{\"search_term\":\"ACME\"}", APIKEY);
    assertThat(unknownArg.status()).isEqualTo(404);
    assertThat(unknownArg.json().get("code").asText()).isEqualTo("PGRST202");
    assertThat(unknownArg.json().get("message").asText())
        .isEqualTo("Could not find the function public.search_entreprise_with_stats(search_term) in the schema cache");
    assertThat(unknownArg.json().get("hint").asText())
        .isEqualTo("Perhaps you meant to call the function public.search_entreprise_with_stats(p_limit, p_search_term)");
    assertThat(unknownArg.headers().get("proxy-status")).containsExactly("PostgREST; error=PGRST202");

    Reply badValue = rpc("list_entreprises", "{\"p_limit\":\"abc\"}", APIKEY);
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.json().get("code").asText()).isEqualTo("22P02");
    assertThat(badValue.json().get("message").asText()).isEqualTo("invalid input syntax for type integer: \"abc\"");
    assertThat(badValue.json().has("details")).isTrue();

    Reply badJson = rpc("list_entreprises", "{\"p_limit\":", APIKEY);
    assertThat(badJson.json().get("code").asText()).isEqualTo("PGRST102");

    Reply noKey = rpc("list_entreprises", "{}", null);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().get("message").asText()).isEqualTo("No API key found in request");
    Reply wrongKey = rpc("list_entreprises", "{}", "sb_secret_wrong");
    assertThat(wrongKey.json().get("message").asText()).isEqualTo("Invalid API key");
  }

  @Test
  void createFactureValidatesAmountsToTheCent() throws Exception {
    Reply bad = db("/facture/create", """
        {"entreprise_id":"%s","lignes":[{"description":"Extincteur","quantite":2,"prix_unitaire_ht":50.00}],
         "montant_ht":100.00,"taux_tva":20.0,"montant_tva":21.00,"montant_ttc":121.00}""".formatted(SampleData.ACME_ID));
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.json().get("validated").asBoolean()).isFalse();
    assertThat(Json.MAPPER.convertValue(bad.json().get("discrepancies"), java.util.List.class)).containsExactly(
        Map.of("field", "montant_tva", "message", "montant_tva must be 20.00 (20.0 % of 100.00), got 21.00"));

    Reply wrongSum = db("/facture/create", """
        {"entreprise_id":"nope","lignes":[{"description":"X","quantite":1,"prix_unitaire_ht":10}],"montant_ht":11,
         "taux_tva":7}""");
    assertThat(Json.MAPPER.convertValue(wrongSum.json().get("discrepancies"), java.util.List.class)).containsExactly(
        Map.of("field", "entreprise_id", "message", "no entreprise with id \"nope\""),
        Map.of("field", "montant_ht", "message", "montant_ht 11.00 does not equal the sum of lignes 10.00"),
        Map.of("field", "taux_tva", "message",
            "taux_tva must be one of 20.0, 10.0, 5.5, 2.1, 0.0 (French VAT rates), got 7"));

    Reply ok = db("/facture/create", """
        {"entreprise_id":"%s","lignes":[{"description":"Extincteur","quantite":2,"prix_unitaire_ht":50.00}],
         "taux_tva":5.5}""".formatted(SampleData.ACME_ID));
    assertThat(ok.json().get("validated").asBoolean()).isTrue();
    assertThat(ok.json().get("statut").asText()).isEqualTo("brouillon");
    assertThat(ok.json().get("montant_ttc").decimalValue()).isEqualByComparingTo("105.50");
    assertThat(ok.json().get("numero").asText()).matches("F\\d{4}-\\d{4}");
  }

  @Test
  void statusTransitionsBrouillonEnvoyeePayeeAndNothingAfter() throws Exception {
    String id = SampleData.FACTURE_BROUILLON_ID;
    Reply early = db("/facture/mark-paid", "{\"facture_id\":\"" + id + "\"}");
    assertThat(early.json().get("validated").asBoolean()).isFalse();
    assertThat(early.json().at("/discrepancies/0/message").asText())
        .isEqualTo("only an envoyee facture can be marked paid; this one is brouillon");
    assertThat(db("/facture/update", "{\"facture_id\":\"" + id + "\",\"statut\":\"envoyee\"}").json()
        .get("validated").asBoolean()).isTrue();
    Reply paid = db("/facture/mark-paid", "{\"facture_id\":\"" + id + "\",\"montant\":588.00}");
    assertThat(paid.json().get("validated").asBoolean()).isTrue();
    assertThat(paid.json().get("statut").asText()).isEqualTo("payee");
    assertThat(paid.json().at("/paiement/montant").decimalValue()).isEqualByComparingTo("588.00");
    Reply after = db("/facture/update", "{\"facture_id\":\"" + id + "\",\"notes\":\"x\"}");
    assertThat(after.json().get("validated").asBoolean()).isFalse();
    assertThat(after.json().at("/discrepancies/0/field").asText()).isEqualTo("statut");
    assertThat(db("/facture/delete", "{\"facture_id\":\"" + id + "\"}").json().get("validated").asBoolean()).isFalse();
  }

  @Test
  void softDeletedFactureStaysDeletedAndDeleteIsRepeatable() throws Exception {
    String id = SampleData.FACTURE_ENVOYEE_ID;
    Reply del = db("/facture/delete", "{\"facture_id\":\"" + id + "\",\"reason\":\"compensation\"}");
    assertThat(del.json().get("deleted").asBoolean()).isTrue();
    assertThat(db("/facture/delete", "{\"facture_id\":\"" + id + "\"}").json().get("already_deleted").asBoolean())
        .isTrue();
    Reply update = db("/facture/update", "{\"facture_id\":\"" + id + "\",\"statut\":\"envoyee\"}");
    assertThat(update.json().get("validated").asBoolean()).isFalse();
    Reply search = rpc("search_factures", "{\"p_entreprise_id\":\"" + SampleData.CLINIQUE_ID + "\"}", APIKEY);
    assertThat(search.json()).isEmpty();
    Reply byId = rpc("get_facture_by_id", "{\"p_facture_id\":\"" + id + "\"}", APIKEY);
    assertThat(byId.json().get("deleted").asBoolean()).isTrue();
  }

  @Test
  void upsertEntrepriseChecksSiretAndRequiredFields() throws Exception {
    Reply bad = db("/entreprise/upsert", "{\"siret\":\"81234567800014\",\"email\":\"nope\"}");
    assertThat(Json.MAPPER.convertValue(bad.json().get("discrepancies"), java.util.List.class)).containsExactly(
        Map.of("field", "siret", "message", "SIRET checksum (Luhn) is invalid for \"81234567800014\""),
        Map.of("field", "nom", "message", "nom is required"),
        Map.of("field", "email", "message", "email is not an e-mail address: \"nope\""));
    Reply created = db("/entreprise/upsert", "{\"nom\":\"Test SARL\",\"siret\":\"73282932000074\"}");
    assertThat(created.json().get("validated").asBoolean()).isTrue();
    assertThat(created.json().get("created").asBoolean()).isTrue();
    Reply again = db("/entreprise/upsert", "{\"siret\":\"73282932000074\",\"ville\":\"Paris\"}");
    assertThat(again.json().get("created").asBoolean()).isFalse();
    assertThat(again.json().get("id").asText()).isEqualTo(created.json().get("id").asText());
    Reply qual = db("/qualification/upsert", "{\"entreprise_id\":\"" + SampleData.HOTEL_ID
        + "\",\"statut\":\"devis\",\"score\":120}");
    assertThat(qual.json().get("discrepancies")).hasSize(2);
  }

  @Test
  void repeatWithSameIdempotencyKeyReplaysAndCreatesOneRow() throws Exception {
    String body = "{\"entreprise_id\":\"" + SampleData.HOTEL_ID + "\",\"montant_ht\":100}";
    Reply first = post(workers.databaseWorkerUrl(), "/facture/create", body, AUTH, "step-create-1");
    Reply second = post(workers.databaseWorkerUrl(), "/facture/create", body, AUTH, "step-create-1");
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(second.headers().get("idempotent-replayed")).containsExactly("true");
    Reply list = rpc("search_factures", "{\"p_entreprise_id\":\"" + SampleData.HOTEL_ID + "\"}", APIKEY);
    assertThat(list.json()).hasSize(1);
    Reply reused = post(workers.databaseWorkerUrl(), "/facture/create",
        "{\"entreprise_id\":\"" + SampleData.HOTEL_ID + "\",\"montant_ht\":200}", AUTH, "step-create-1");
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.json().get("code").asText()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void refusesWrongOrMissingWorkerAuth() throws Exception {
    Reply wrong = post(workers.databaseWorkerUrl(), "/facture/create", "{}", "wrong", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("code").asText()).isEqualTo("unauthorized");
    assertThat(wrong.json().get("request_id").asText()).isEqualTo("req-test-1");
    assertThat(post(workers.emailWorkerUrl(), "/send", "{}", null, null).status()).isEqualTo(401);
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(workers.storageWorkerUrl().resolve("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void invoicePdfParsesBackWithItsTotals() throws Exception {
    Reply doc = post(workers.documentWorkerUrl(), "/generate/facture",
        "{\"facture_id\":\"" + SampleData.FACTURE_BROUILLON_ID + "\"}", AUTH, null);
    assertThat(doc.status()).isEqualTo(200);
    String text = pdfText(Base64.getDecoder().decode(doc.json().get("pdf_base64").asText()));
    assertThat(text).contains("FACTURE F").contains("ACME Industries (exemple)").contains("SIRET 81234567800013")
        .contains("Total HT : 490,00 EUR").contains("TVA 20.0 % : 98,00 EUR").contains("Total TTC : 588,00 EUR")
        .contains("Vérification annuelle extincteurs");

    Reply report = post(workers.documentWorkerUrl(), "/generate/monthly-report", "{}", AUTH, null);
    assertThat(pdfText(Base64.getDecoder().decode(report.json().get("pdf_base64").asText())))
        .contains("Rapport mensuel").contains("Factures impayees");
  }

  @Test
  void storageServesUploadedFileAtPublicUrlAndDeletesIt() throws Exception {
    String content = Base64.getEncoder().encodeToString("%PDF-test".getBytes());
    Reply up = post(workers.storageWorkerUrl(), "/upload",
        "{\"filename\":\"facture-1.pdf\",\"content_type\":\"application/pdf\",\"content_base64\":\"" + content + "\","
            + "\"folder\":\"factures\"}", AUTH, "step-upload-1");
    assertThat(up.status()).isEqualTo(201);
    URI url = URI.create(up.json().get("public_url").asText());
    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(new String(got.body())).isEqualTo("%PDF-test");
    assertThat(got.headers().firstValue("content-type")).contains("application/pdf");
    String key = up.json().get("key").asText();
    HttpRequest delete = HttpRequest.newBuilder(workers.storageWorkerUrl().resolve("/files/" + key)).DELETE()
        .header("X-FlowChat-Worker-Auth", AUTH).build();
    assertThat(Json.MAPPER.readTree(http.send(delete, HttpResponse.BodyHandlers.ofString()).body())
        .get("existed").asBoolean()).isTrue();
    assertThat(http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(404);
    HttpRequest traversal = HttpRequest.newBuilder(workers.storageWorkerUrl().resolve("/files/..%2F..%2Fetc")).build();
    assertThat(http.send(traversal, HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(400, 404);
  }

  @Test
  void emailIsSentOncePerIdempotencyKeyWithThePdfAttached() throws Exception {
    Reply doc = post(workers.documentWorkerUrl(), "/generate/facture",
        "{\"facture_id\":\"" + SampleData.FACTURE_BROUILLON_ID + "\"}", AUTH, null);
    String body = Json.text(Map.of(
        "to", "compta@acme-industries.example",
        "subject", "Votre facture",
        "body_text", "Bonjour, veuillez trouver votre facture ci-jointe.",
        "attachments", java.util.List.of(Map.of("filename", doc.json().get("filename").asText(),
            "content_type", "application/pdf", "content_base64", doc.json().get("pdf_base64").asText()))));
    Reply first = post(workers.emailWorkerUrl(), "/send", body, AUTH, "step-email-1");
    Reply again = post(workers.emailWorkerUrl(), "/send", body, AUTH, "step-email-1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    MAIL.waitForIncomingEmail(5000, 1);
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Votre facture");
    Multipart mp = (Multipart) received[0].getContent();
    Part attachment = mp.getBodyPart(1);
    assertThat(attachment.getFileName()).startsWith("facture-F");
    assertThat(attachment.getContentType()).startsWith("application/pdf");
    assertThat(pdfText(attachment.getInputStream().readAllBytes())).contains("Total TTC : 588,00 EUR");
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d);
    }
  }
}
