package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.workers.flowchat.ReferenceWorkers;
import dev.toolgate.workers.flowchat.ReferenceWorkersConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FlowChat tools through the gateway, configured with the seed's settings, against the reference workers. */
class FlowChatGatewayIntegrationTest {
  private static final String KEY = "flowchat-mcp-key-010";
  private static final String PROXY_KEY = "x-proxy-key-0010";

  @TempDir static Path workDir;
  @TempDir static Path workerDir;
  static ReferenceWorkers workers;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    workers = ReferenceWorkers.start(ReferenceWorkersConfig.defaults(workerDir).withWorkerAuthKey("wk-010"));
    Map<String, String> env = new HashMap<>(workers.settings());
    env.put("WORKER_AUTH_KEY", "wk-010");
    env.put("SUPABASE_API_KEY", "sb_any");
    env.put("FLOWCHAT_MCP_KEY", KEY);
    env.put("X_PROXY_KEY", PROXY_KEY);
    env.put("ENVIRONMENT", "development");
    gateway = TestGateway.start(workDir, env);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    workers.close();
  }

  private static Reply call(String body) {
    return gateway.send(TestGateway.post(gateway.request("/mcp/tools/call", null).header("X-Proxy-Key", KEY), body));
  }

  @Test
  void theProxyKeySeesTheTwentyOneFlowChatToolsBesideTheBuiltIns() {
    Reply reply = gateway.send(gateway.request("/mcp/tools/list", null).header("X-Proxy-Key", PROXY_KEY));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("total").asInt()).isEqualTo(7 + 21);
    assertThat(reply.raw()).contains("\"create_and_send_facture\"", "\"search_customer\"");

    Reply support = gateway.send(TestGateway.post(gateway.request("/mcp/tools/call", null).header("X-Proxy-Key", PROXY_KEY),
        "{\"tool_name\":\"search_customer\",\"params\":{\"query\":\"a\"}}"));
    assertThat(support.status()).isEqualTo(200);
  }

  @Test
  void theFlowChatKeySeesAndCallsTheFlowChatToolsOnly() {
    Reply reply = gateway.send(gateway.request("/mcp/tools/list", null).header("X-Proxy-Key", KEY));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("total").asInt()).isEqualTo(21);
    assertThat(reply.raw()).contains("\"create_and_send_facture\"", "\"search_entreprise_with_stats\"")
        .doesNotContain("\"search_customer\"");

    Reply denied = call("{\"tool_name\":\"search_customer\",\"params\":{\"query\":\"a\"}}");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.raw()).contains("tool_not_allowed");

    // An agent, not an admin: the key cannot manage keys.
    Reply keys = gateway.send(gateway.request("/admin/keys", null).header("X-Proxy-Key", KEY));
    assertThat(keys.status()).isEqualTo(403);
  }

  @Test
  void callsAReadToolAndReportsValidationFailuresAs422() {
    Reply read = call("{\"tool_name\":\"search_entreprise_with_stats\",\"params\":{\"search_term\":\"ACME\"}}");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.raw()).contains("ACME Industries (exemple)");

    Reply refused = call("{\"tool_name\":\"create_facture\",\"params\":{\"entreprise_id\":"
        + "\"00000000-0000-4000-8000-00000000a004\",\"montant\":100,\"montant_tva\":21}}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.raw()).contains("validation_failed", "montant_tva");
  }

  @Test
  void healthShowsTheEnvironmentTheFeatureAndEachWorker() {
    Reply health = gateway.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("environment").asText()).isEqualTo("development");
    assertThat(health.json().path("features").toString()).contains("flowchat_tools");
    assertThat(health.json().path("workers").path("database").asText()).isEqualTo("ok");
    assertThat(health.json().path("workers").path("email").asText()).isEqualTo("ok");
  }

  @Test
  void seedSettingsAreReadAndBadOnesNamed() {
    Settings settings = Settings.load(Map.of("SUPABASE_URL", "http://127.0.0.1:54321", "SUPABASE_API_KEY", "k",
        "EMAIL_WORKER_URL", "http://127.0.0.1:8004", "ENVIRONMENT", "development"), workDir);
    assertThat(settings.flowchat().enabled()).isTrue();
    assertThat(settings.flowchat().config().emailWorkerUrl()).isPresent();
    assertThat(settings.flowchat().environment()).isEqualTo("development");
    assertThat(Settings.load(Map.of(), workDir).flowchat().enabled()).isFalse();
    assertThat(catchThrowableOfType(SettingsException.class, () -> Settings.load(
        Map.of("SUPABASE_URL", "http://127.0.0.1:54321", "SUPABASE_API_KEY", "k", "DATABASE_WORKER_URL", "nope"),
        workDir)).problems()).anySatisfy(p -> assertThat(p).contains("DATABASE_WORKER_URL 'nope'"));
    assertThat(catchThrowableOfType(SettingsException.class, () -> Settings.load(
        Map.of("DATABASE_WORKER_URL", "http://127.0.0.1:8001"), workDir)).problems())
        .anySatisfy(p -> assertThat(p).contains("SUPABASE_URL is not"));
  }
}
