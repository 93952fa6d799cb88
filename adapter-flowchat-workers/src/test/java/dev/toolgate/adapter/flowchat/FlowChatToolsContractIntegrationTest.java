package dev.toolgate.adapter.flowchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.ValidationFailedException;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.workers.flowchat.ReferenceWorkers;
import dev.toolgate.workers.flowchat.ReferenceWorkersConfig;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every FlowChat tool against the reference workers over real HTTP on loopback, GreenMail as SMTP. */
class FlowChatToolsContractIntegrationTest {
  // The reference workers' sample data (clearly labelled "(exemple)").
  static final String ACME = "00000000-0000-4000-8000-00000000a001";
  static final String HOTEL = "00000000-0000-4000-8000-00000000a004";
  static final String FACTURE_BROUILLON = "00000000-0000-4000-8000-00000000f001";
  static final String FACTURE_ENVOYEE = "00000000-0000-4000-8000-00000000f002";
  private static final String AUTH = "worker-secret";
  private static final String APIKEY = "sb_secret_test";

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

  @TempDir Path dir;
  private ReferenceWorkers workers;
  private Map<String, Tool> tools;

  @BeforeEach
  void start() {
    workers = ReferenceWorkers.start(ReferenceWorkersConfig.defaults(dir).withWorkerAuthKey(AUTH)
        .withSupabaseApiKey(APIKEY).withSmtp("127.0.0.1", MAIL.getSmtp().getPort(), "factures@flowchat.example"));
    tools = byName(new FlowChatToolProvider(config(workers.supabaseUrl().toString(),
        workers.databaseWorkerUrl().toString(), workers.emailWorkerUrl().toString())));
  }

  @AfterEach
  void stop() {
    workers.close();
  }

  FlowChatConfig config(String supabase, String database, String email) {
    return FlowChatConfig.custom().supabase(supabase, APIKEY)
        .workers(database, workers.documentWorkerUrl().toString(), workers.storageWorkerUrl().toString(), email)
        .workerAuthKey(AUTH).build();
  }

  static Map<String, Tool> byName(FlowChatToolProvider provider) {
    return provider.tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
  }

  JsonNode call(String tool, String argsJson) {
    return call(tool, argsJson, null);
  }

  JsonNode call(String tool, String argsJson, String idempotencyKey) {
    return tools.get(tool).executor().execute(
        new ToolInvocation(Json.parse(argsJson), "req-contract", null, idempotencyKey)).structured();
  }

  @Test
  void offersTheSeedsTwentyOneToolsWithCategoriesAndAnnotations() {
    assertThat(tools).hasSize(21);
    Map<ToolCategory, Long> counts = tools.values().stream()
        .collect(Collectors.groupingBy(t -> t.definition().category(), Collectors.counting()));
    assertThat(counts).containsEntry(ToolCategory.READ, 11L).containsEntry(ToolCategory.WRITE, 6L)
        .containsEntry(ToolCategory.WORKFLOW, 4L);
    Set<String> approval = tools.values().stream().filter(t -> t.definition().annotations().requiresApproval())
        .map(Tool::name).collect(Collectors.toSet());
    assertThat(approval).isEqualTo(FlowChatConfig.DEFAULT_APPROVAL_TOOLS);
    assertThat(tools.get("delete_facture").definition().annotations().destructive()).isTrue();
    assertThat(tools.get("search_entreprise_with_stats").definition().inputSchema().at("/required/0").asText())
        .isEqualTo("search_term");
    assertThat(tools.get("create_facture").definition().inputSchema().at("/properties/montant/type").asText())
        .isEqualTo("number");
  }

  @Test
  void aToolWhoseWorkerIsUnsetIsNotOfferedAndTheSettingIsNamed() {
    FlowChatToolProvider provider = new FlowChatToolProvider(config(workers.supabaseUrl().toString(), null, null));
    assertThat(provider.tools()).hasSize(12); // 11 reads + the monthly report (document + storage)
    assertThat(provider.unavailable().get("create_facture")).isEqualTo("DATABASE_WORKER_URL not set");
    assertThat(provider.unavailable().get("send_facture_email")).contains("DATABASE_WORKER_URL", "EMAIL_WORKER_URL");
  }

  @Test
  void everyReadToolCallsItsRpcFunction() {
    assertThat(call("search_entreprise_with_stats", "{\"search_term\":\"ACME\",\"limit\":5}").at("/items/0/nom").asText())
        .isEqualTo("ACME Industries (exemple)");
    assertThat(call("get_entreprise_by_id", "{\"entreprise_id\":\"" + ACME + "\"}").path("siret").asText())
        .isEqualTo("81234567800013");
    assertThat(call("list_entreprises", "{\"limit\":2}").path("total").asInt()).isEqualTo(2);
    assertThat(call("get_stats_entreprises", "{}").isObject()).isTrue();
    assertThat(call("get_entreprise_qualifications", "{\"entreprise_id\":\"" + ACME + "\"}").has("items")).isTrue();
    assertThat(call("search_qualifications", "{}").path("items").isArray()).isTrue();
    assertThat(call("search_factures", "{\"entreprise_id\":\"" + ACME + "\"}").path("total").asInt()).isPositive();
    assertThat(call("get_facture_by_id", "{\"facture_id\":\"" + FACTURE_BROUILLON + "\"}").path("montant_ttc")
        .decimalValue()).isEqualByComparingTo("588.00");
    assertThat(call("get_unpaid_factures", "{\"overdue_only\":false}").path("items").isArray()).isTrue();
    assertThat(call("get_revenue_stats", "{}").has("par_mois")).isTrue();
    assertThat(call("list_recent_interactions", "{\"days\":365}").path("items").isArray()).isTrue();
    assertThatThrownBy(() -> call("get_facture_by_id", "{\"facture_id\":\"00000000-0000-4000-8000-0000000000ff\"}"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("PT404");
  }

  @Test
  void writesSucceedOnlyWhenValidatedAndMontantMapsToMontantHt() {
    JsonNode created = call("create_facture", "{\"entreprise_id\":\"" + HOTEL + "\",\"montant\":100}");
    assertThat(created.path("validated").asBoolean()).isTrue();
    assertThat(created.path("montant_ttc").decimalValue()).isEqualByComparingTo("120.00");
    assertThatThrownBy(() -> call("create_facture",
        "{\"entreprise_id\":\"" + HOTEL + "\",\"montant\":100,\"montant_tva\":21}"))
        .isInstanceOf(ValidationFailedException.class)
        .hasMessageContaining("montant_tva must be 20.00")
        .satisfies(e -> assertThat(((ValidationFailedException) e).details().at("/discrepancies/0/field").asText())
            .isEqualTo("montant_tva"));
    String id = created.path("id").asText();
    assertThat(call("update_facture", "{\"facture_id\":\"" + id + "\",\"statut\":\"envoyee\"}").path("statut").asText())
        .isEqualTo("envoyee");
    assertThat(call("mark_facture_paid", "{\"facture_id\":\"" + id + "\",\"montant\":120}").path("statut").asText())
        .isEqualTo("payee");
    assertThatThrownBy(() -> call("delete_facture", "{\"facture_id\":\"" + id + "\"}"))
        .isInstanceOf(ValidationFailedException.class);
    assertThat(call("delete_facture", "{\"facture_id\":\"" + FACTURE_ENVOYEE + "\",\"reason\":\"test\"}")
        .path("validated").asBoolean()).isTrue();
    assertThat(call("upsert_entreprise", "{\"nom\":\"Test SARL\",\"siret\":\"73282932000074\"}").path("created")
        .asBoolean()).isTrue();
    assertThat(call("upsert_qualification", "{\"entreprise_id\":\"" + HOTEL + "\",\"statut\":\"contacte\",\"score\":40}")
        .path("validated").asBoolean()).isTrue();
  }

  @Test
  void createAndSendFactureMailsThePdfOnceEvenWhenRetriedWithTheSameKey() throws Exception {
    String args = "{\"entreprise_id\":\"" + ACME + "\",\"lignes\":[{\"description\":\"Extincteur\",\"quantite\":2,"
        + "\"prix_unitaire_ht\":50}],\"destinataire\":\"compta@acme.example\"}";
    JsonNode first = call("create_and_send_facture", args, "k-send-1");
    JsonNode again = call("create_and_send_facture", args, "k-send-1");
    assertThat(again.path("facture_id")).isEqualTo(first.path("facture_id"));
    assertThat(again.path("pdf_url")).isEqualTo(first.path("pdf_url"));
    MAIL.waitForIncomingEmail(5000, 1);
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Facture " + first.path("numero").asText());
    assertThat(((Multipart) received[0].getContent()).getBodyPart(1).getContentType()).startsWith("application/pdf");
    JsonNode facture = call("get_facture_by_id", "{\"facture_id\":\"" + first.path("facture_id").asText() + "\"}");
    assertThat(facture.path("statut").asText()).isEqualTo("envoyee");
    assertThat(facture.path("pdf_url").asText()).isEqualTo(first.path("pdf_url").asText());
  }

  @Test
  void otherWorkflowsRenderStoreAndSend() throws Exception {
    JsonNode pdf = call("generate_facture_pdf", "{\"facture_id\":\"" + FACTURE_BROUILLON + "\"}", "k-pdf");
    assertThat(pdf.path("pdf_url").asText()).contains("/files/factures/");
    JsonNode sent = call("send_facture_email", "{\"facture_id\":\"" + FACTURE_BROUILLON + "\"}", "k-mail");
    assertThat(sent.at("/email/accepted/0").asText()).contains("@");
    JsonNode report = call("generate_monthly_report", "{\"destinataire\":\"direction@example.com\"}", "k-report");
    assertThat(report.path("pdf_url").asText()).contains("/files/rapports/");
    MAIL.waitForIncomingEmail(5000, 2);
    assertThat(MAIL.getReceivedMessages()).hasSize(2);
  }

  @Test
  void fiftyConcurrentCallsOverTenKeysMakeTenInvoicesTenPdfsTenMails() throws Exception {
    String args = "{\"entreprise_id\":\"" + HOTEL + "\",\"montant\":250,\"destinataire\":\"resa@hotel.example\"}";
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
    try {
      java.util.List<java.util.concurrent.Future<JsonNode>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String key = "load-" + (i % 10);
        calls.add(pool.submit(() -> call("create_and_send_facture", args, key)));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (var c : calls) {
        ids.add(c.get(60, java.util.concurrent.TimeUnit.SECONDS).path("facture_id").asText());
      }
      assertThat(ids).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
    assertThat(call("search_factures", "{\"entreprise_id\":\"" + HOTEL + "\",\"limit\":100}").path("total").asInt())
        .isEqualTo(10);
    try (var files = java.nio.file.Files.list(dir.resolve("files").resolve("factures"))) {
      assertThat(files.count()).isEqualTo(10);
    }
    MAIL.waitForIncomingEmail(10_000, 10);
    Thread.sleep(300); // an eleventh mail, if any, would arrive now
    assertThat(MAIL.getReceivedMessages()).hasSize(10);
  }

  @Test
  void healthNamesEachServiceAndWhichIsDown() throws Exception {
    int dead;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      dead = socket.getLocalPort(); // closed again: nothing listens there
    }
    FlowChatToolProvider provider = new FlowChatToolProvider(config(workers.supabaseUrl().toString(),
        workers.databaseWorkerUrl().toString(), "http://127.0.0.1:" + dead));
    assertThat(provider.health(java.time.Duration.ofSeconds(2))).containsEntry("supabase", "ok")
        .containsEntry("database", "ok").containsEntry("document", "ok").containsEntry("storage", "ok")
        .hasEntrySatisfying("email", v -> assertThat(v).startsWith("down ("));
    FlowChatToolProvider partial = new FlowChatToolProvider(config(workers.supabaseUrl().toString(), null, null));
    assertThat(partial.health(java.time.Duration.ofSeconds(2)))
        .containsEntry("database", "unset (DATABASE_WORKER_URL)");
  }
}
