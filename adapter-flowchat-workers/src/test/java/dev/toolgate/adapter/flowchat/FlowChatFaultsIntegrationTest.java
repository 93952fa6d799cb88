package dev.toolgate.adapter.flowchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.toolgate.adapter.flowchat.FaultyWorker.Fault;
import dev.toolgate.ports.InvalidRequestException;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.ValidationFailedException;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.workers.flowchat.ReferenceWorkers;
import dev.toolgate.workers.flowchat.ReferenceWorkersConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Retries, no retries, validation, compensation and resumption, with a fault-injecting stand-in. */
class FlowChatFaultsIntegrationTest {
  private static final String FACTURE = "00000000-0000-4000-8000-00000000f001";

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

  @TempDir Path dir;
  private FaultyWorker standIn;
  private ReferenceWorkers workers;

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    if (workers != null) {
      workers.close();
    }
  }

  /** Every service on the one stand-in (no upstream). */
  private Map<String, Tool> allOnStandIn() throws Exception {
    standIn = new FaultyWorker(null);
    String url = standIn.uri().toString();
    return FlowChatToolsContractIntegrationTest.byName(new FlowChatToolProvider(FlowChatConfig.custom()
        .supabase(url, "sb_key").workers(url, url, url, url).workerAuthKey("wk")
        .timeouts(Duration.ofSeconds(1), Duration.ofMillis(400))
        .retries(3, Duration.ofMillis(5), Duration.ofMillis(20)).build()));
  }

  private static JsonNode call(Map<String, Tool> tools, String tool, String args, String key) {
    return tools.get(tool).executor().execute(new ToolInvocation(Json.parse(args), "req-42", null, key)).structured();
  }

  @Test
  void fiveHundredThenSuccessIsRetriedWithTheSeedsHeaders() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.fail("POST /rest/v1/rpc/get_stats_entreprises", Fault.status(503))
        .answer("POST /rest/v1/rpc/get_stats_entreprises", "{\"total\":4}");
    assertThat(call(tools, "get_stats_entreprises", "{}", null).path("total").asInt()).isEqualTo(4);
    var hits = standIn.hits("POST /rest/v1/rpc/get_stats_entreprises");
    assertThat(hits).hasSize(2);
    assertThat(hits.get(1).header("X-Request-ID")).isEqualTo("req-42");
    assertThat(hits.get(1).header("apikey")).isEqualTo("sb_key");
    assertThat(hits.get(1).header("Authorization")).isEqualTo("Bearer sb_key");
    assertThat(hits.get(1).header("X-FlowChat-Worker-Auth")).isEqualTo("wk");
  }

  @Test
  void aTimeoutIsRetriedThenReportedUnavailable() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.failAlways("POST /rest/v1/rpc/list_entreprises", new Fault(200, "[]", 2000));
    assertThatThrownBy(() -> call(tools, "list_entreprises", "{}", null))
        .isInstanceOf(UnavailableException.class).hasMessageContaining("after 3 attempt(s)")
        .hasMessageContaining("timed out");
  }

  @Test
  void aFourHundredIsNeverRetried() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.failAlways("POST /rest/v1/rpc/list_entreprises",
        new Fault(400, "{\"code\":\"22P02\",\"message\":\"invalid input syntax\",\"details\":null,\"hint\":null}", 0));
    assertThatThrownBy(() -> call(tools, "list_entreprises", "{}", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("22P02: invalid input syntax");
    assertThat(standIn.hits("POST /rest/v1/rpc/list_entreprises")).hasSize(1);
  }

  @Test
  void anErrorThatEchoesTheServiceKeyOrWorkerKeyIsMasked() throws Exception {
    standIn = new FaultyWorker(null);
    String url = standIn.uri().toString();
    String serviceKey = "sb_service_key_0123456789";
    String workerKey = "wk_worker_key_0123456789";
    Map<String, Tool> tools = FlowChatToolsContractIntegrationTest.byName(new FlowChatToolProvider(FlowChatConfig.custom()
        .supabase(url, serviceKey).workers(url, url, url, url).workerAuthKey(workerKey)
        .timeouts(Duration.ofSeconds(1), Duration.ofMillis(400))
        .retries(1, Duration.ofMillis(5), Duration.ofMillis(20)).build()));
    standIn.failAlways("POST /rest/v1/rpc/list_entreprises",
        new Fault(400, "{\"message\":\"apikey " + serviceKey + " is wrong\",\"hint\":\"Bearer " + serviceKey + "\"}", 0));
    standIn.failAlways("POST /facture/create", new Fault(403, "worker auth " + workerKey + " refused", 0));
    String args = "{\"entreprise_id\":\"" + FlowChatToolsContractIntegrationTest.ACME + "\",\"montant\":10}";

    assertThatThrownBy(() -> call(tools, "list_entreprises", "{}", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("apikey [redacted] is wrong")
        .message().doesNotContain(serviceKey);
    assertThatThrownBy(() -> call(tools, "create_facture", args, "k1"))
        .hasMessageContaining("worker auth [redacted] refused")
        .message().doesNotContain(workerKey);
  }

  @Test
  void aWriteIsRetriedOnlyWithAStepKey() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.failAlways("POST /facture/create", Fault.status(502));
    String args = "{\"entreprise_id\":\"" + FlowChatToolsContractIntegrationTest.ACME + "\",\"montant\":10}";
    assertThatThrownBy(() -> call(tools, "create_facture", args, null))
        .isInstanceOf(UnavailableException.class).hasMessageContaining("no step key");
    assertThat(standIn.hits("POST /facture/create")).hasSize(1);
    assertThatThrownBy(() -> call(tools, "create_facture", args, "k7")).isInstanceOf(UnavailableException.class);
    var keyed = standIn.hits("POST /facture/create").subList(1, 4);
    assertThat(keyed).extracting(h -> h.header("Idempotency-Key")).containsOnly("k7:create_facture");
    assertThat(standIn.hits("POST /facture/create")).hasSize(4);
  }

  @Test
  void validatedFalseIsAValidationFailureWithTheDiscrepancies() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.answer("POST /facture/mark-paid", "{\"validated\":false,\"discrepancies\":[{\"field\":\"statut\","
        + "\"message\":\"only an envoyee facture can be marked paid\"}]}");
    assertThatThrownBy(() -> call(tools, "mark_facture_paid", "{\"facture_id\":\"" + FACTURE + "\"}", "k"))
        .isInstanceOf(ValidationFailedException.class).hasMessageContaining("statut: only an envoyee")
        .satisfies(e -> assertThat(((PortException) e).details().at("/discrepancies/0/field").asText())
            .isEqualTo("statut"));
    standIn.answer("POST /entreprise/upsert", "{\"id\":\"x\"}");
    assertThatThrownBy(() -> call(tools, "upsert_entreprise", "{\"nom\":\"X\"}", null))
        .isInstanceOf(ValidationFailedException.class).hasMessageContaining("no validated flag");
  }

  @Test
  void emailFailingMidWorkflowIsCompensatedAndReported() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.answer("POST /facture/create", "{\"validated\":true,\"id\":\"" + FACTURE + "\",\"numero\":\"F-1\"}")
        .answer("POST /rest/v1/rpc/get_facture_by_id", "{\"id\":\"" + FACTURE + "\",\"numero\":\"F-1\","
            + "\"statut\":\"brouillon\",\"montant_ttc\":12,\"entreprise\":{\"email\":\"c@example.com\"}}")
        .answer("POST /generate/facture", "{\"filename\":\"facture-F-1.pdf\",\"pdf_base64\":\"JVBERg==\"}")
        .answer("POST /upload", "{\"key\":\"factures/abc-facture-F-1.pdf\",\"public_url\":\"http://x/files/f\"}")
        .answer("POST /facture/delete", "{\"validated\":true,\"deleted\":true}")
        .failAlways("POST /send", Fault.status(502));
    assertThatThrownBy(() -> call(tools, "create_and_send_facture",
        "{\"entreprise_id\":\"" + FlowChatToolsContractIntegrationTest.ACME + "\",\"montant\":10}", "k9"))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("failed at step 'email'")
        .satisfies(e -> {
          JsonNode d = ((PortException) e).details();
          assertThat(d.path("completed")).extracting(JsonNode::asText).contains("create", "read", "pdf", "upload");
          assertThat(d.path("not_run")).extracting(JsonNode::asText).containsExactly("mark");
          assertThat(d.path("compensated")).extracting(JsonNode::asText)
              .containsExactly("delete stored file factures/abc-facture-F-1.pdf", "soft-delete facture F-1");
        });
    assertThat(standIn.hits("POST /send")).hasSize(3); // keyed, so retried
    assertThat(standIn.hits("DELETE /files/factures/abc-facture-F-1.pdf")).hasSize(1);
    assertThat(standIn.hits("POST /facture/delete").get(0).header("Idempotency-Key")).isEqualTo("k9:undo-create");
    assertThat(standIn.hits("POST /facture/update")).isEmpty();
  }

  @Test
  void markFailingAfterTheMailIsReportedAndResumingSendsNoSecondEmail() throws Exception {
    workers = ReferenceWorkers.start(ReferenceWorkersConfig.defaults(dir)
        .withSmtp("127.0.0.1", MAIL.getSmtp().getPort(), "factures@flowchat.example"));
    standIn = new FaultyWorker(workers.databaseWorkerUrl());
    standIn.fail("POST /facture/update", Fault.status(503), Fault.status(503), Fault.status(503));
    Map<String, Tool> tools = FlowChatToolsContractIntegrationTest.byName(new FlowChatToolProvider(
        FlowChatConfig.custom().supabase(workers.supabaseUrl().toString(), "any")
            .workers(standIn.uri().toString(), workers.documentWorkerUrl().toString(),
                workers.storageWorkerUrl().toString(), workers.emailWorkerUrl().toString())
            .retries(3, Duration.ofMillis(5), Duration.ofMillis(20)).build()));
    String args = "{\"entreprise_id\":\"" + FlowChatToolsContractIntegrationTest.ACME + "\",\"montant\":100,"
        + "\"destinataire\":\"compta@acme.example\"}";
    assertThatThrownBy(() -> call(tools, "create_and_send_facture", args, "k-resume"))
        .isInstanceOf(UnavailableException.class)
        .satisfies(e -> {
          JsonNode d = ((PortException) e).details();
          assertThat(d.path("failed").path("step").asText()).isEqualTo("mark");
          assertThat(d.path("compensated")).isEmpty();
          assertThat(d.path("resume").asText()).contains("same idempotency key").doesNotContain("k-resume");
          assertThat(d.path("effect_key").asText()).isEqualTo("k-resume");
          assertThat(d.has("idempotency_key")).as("the effect key is not shown as the caller's key").isFalse();
        });
    JsonNode resumed = call(tools, "create_and_send_facture", args, "k-resume");
    assertThat(resumed.path("success").asBoolean()).isTrue();
    MAIL.waitForIncomingEmail(5000, 1);
    Thread.sleep(300); // a second mail, if any, would arrive now
    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    assertThat(standIn.hits("POST /facture/create")).extracting(h -> h.header("Idempotency-Key"))
        .containsOnly("k-resume:create");
  }

  @Test
  void sendFactureEmailFailingDeletesOnlyTheStoredFileNeverTheInvoice() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.answer("POST /rest/v1/rpc/get_facture_by_id", "{\"id\":\"" + FACTURE + "\",\"numero\":\"F-2\","
            + "\"statut\":\"envoyee\",\"montant_ttc\":12,\"entreprise\":{\"email\":\"c@example.com\"}}")
        .answer("POST /generate/facture", "{\"filename\":\"facture-F-2.pdf\",\"pdf_base64\":\"JVBERg==\"}")
        .answer("POST /upload", "{\"key\":\"factures/f2.pdf\",\"public_url\":\"http://x/files/factures/f2.pdf\"}")
        .failAlways("POST /send", new Fault(400, "{\"code\":\"bad_request\",\"message\":\"to is not an e-mail\"}", 0));
    assertThatThrownBy(() -> call(tools, "send_facture_email", "{\"facture_id\":\"" + FACTURE + "\"}", "k3"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("failed at step 'email'").hasMessageContaining("to is not an e-mail")
        .satisfies(e -> assertThat(((PortException) e).details().path("compensated")).extracting(JsonNode::asText)
            .containsExactly("delete stored file factures/f2.pdf"));
    assertThat(standIn.hits("POST /send")).hasSize(1); // a 4xx is not retried
    assertThat(standIn.hits("DELETE /files/factures/f2.pdf")).hasSize(1);
    assertThat(standIn.hits("POST /facture/delete")).isEmpty();
  }

  @Test
  void generateFacturePdfFailingAtUpdateDeletesTheStoredFile() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.answer("POST /rest/v1/rpc/get_facture_by_id", "{\"id\":\"" + FACTURE + "\",\"numero\":\"F-3\"}")
        .answer("POST /generate/facture", "{\"filename\":\"facture-F-3.pdf\",\"pdf_base64\":\"JVBERg==\"}")
        .answer("POST /upload", "{\"key\":\"factures/f3.pdf\",\"public_url\":\"http://x/files/factures/f3.pdf\"}")
        .answer("POST /facture/update", "{\"validated\":false,\"discrepancies\":[{\"field\":\"statut\","
            + "\"message\":\"no change after payee\"}]}");
    assertThatThrownBy(() -> call(tools, "generate_facture_pdf", "{\"facture_id\":\"" + FACTURE + "\"}", "k4"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("failed at step 'update'").hasMessageContaining("no change after payee")
        .satisfies(e -> {
          JsonNode d = ((PortException) e).details();
          assertThat(d.at("/failed/details/discrepancies/0/field").asText()).isEqualTo("statut");
          assertThat(d.path("compensated")).extracting(JsonNode::asText).containsExactly("delete stored file factures/f3.pdf");
        });
  }

  @Test
  void monthlyReportUploadWithoutAKeyIsSentOnce() throws Exception {
    Map<String, Tool> tools = allOnStandIn();
    standIn.answer("POST /generate/monthly-report", "{\"filename\":\"rapport.pdf\",\"pdf_base64\":\"JVBERg==\"}")
        .failAlways("POST /upload", Fault.status(503));
    assertThatThrownBy(() -> call(tools, "generate_monthly_report", "{}", null))
        .isInstanceOf(UnavailableException.class)
        .satisfies(e -> assertThat(((PortException) e).details().path("resume").asText())
            .contains("Nothing is left half done").doesNotContain("idempotency key"));
    assertThat(standIn.hits("POST /upload")).hasSize(1);
    assertThat(standIn.hits("POST /generate/monthly-report")).hasSize(1);
  }
}
