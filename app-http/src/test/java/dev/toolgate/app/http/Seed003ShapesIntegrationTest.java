package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003's REST shapes, authenticated as its clients do with {@code X-Proxy-Key}. */
class Seed003ShapesIntegrationTest {
  private static final String FLOWCHAT_KEY = "flowchat-mcp-key-003";
  private static final String PROXY_KEY = "x-proxy-key-003";

  @TempDir static Path workDir;
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir, Map.of("FLOWCHAT_MCP_KEY", FLOWCHAT_KEY, "X_PROXY_KEY", PROXY_KEY));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static Reply get(String path, String key) {
    return gateway.send(gateway.request(path, null).header("X-Proxy-Key", key));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void listsToolsWithNameCategoryDescriptionAndTotal() {
    for (String key : List.of(PROXY_KEY)) {
      Reply reply = get("/mcp/tools/list", key);

      assertThat(reply.status()).isEqualTo(200);
      JsonNode tools = reply.json().path("tools");
      // Five support tools (seed 001) and two marketing tools (seed 000).
      assertThat(reply.json().path("total").asInt()).isEqualTo(tools.size()).isEqualTo(7);
      tools.forEach(tool -> {
        assertThat(fieldNames(tool)).containsExactly("name", "category", "description");
        assertThat(tool.path("category").asText()).isIn("read", "write", "workflow");
      });
    }
    // The FlowChat bot's key may call the FlowChat tools only, and FlowChat is not configured here.
    assertThat(get("/mcp/tools/list", FLOWCHAT_KEY).json().path("total").asInt()).isZero();
  }

  @Test
  void describesOneToolsSchema() {
    Reply reply = get("/mcp/tools/search_customer/schema", PROXY_KEY);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(fieldNames(reply.json()))
        .containsExactly("name", "description", "input_schema", "output_schema", "request_id");
    assertThat(reply.json().path("input_schema").path("required").toString()).contains("query");
  }

  @Test
  void callsWithTheToolNameAndParamsEnvelope() {
    Reply reply =
        gateway.send(
            TestGateway.post(
                gateway.request("/mcp/tools/call", null).header("X-Proxy-Key", PROXY_KEY),
                "{\"tool_name\":\"get_incident_impact\",\"params\":{\"incident_id\":\"inc_003\"}}"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("success").asBoolean()).isTrue();
    assertThat(reply.json().path("tool_name").asText()).isEqualTo("get_incident_impact");
    assertThat(reply.json().path("result").toString()).contains("cus_001", "cus_004", "cus_008");
  }

  @Test
  void healthHasStatusVersionAndFeatures() {
    Reply reply = gateway.get("/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(fieldNames(reply.json()))
        .containsExactly("status", "environment", "version", "features", "request_id");
    assertThat(reply.json().path("environment").asText()).isEqualTo("production");
  }

  @Test
  void fixedKeysAreAuditedUnderTheirIdNotTheirSecret() {
    get("/mcp/tools/list", PROXY_KEY);
    gateway.send(
        TestGateway.post(
            gateway.request("/mcp/tools/call", null).header("X-Proxy-Key", PROXY_KEY),
            "{\"tool_name\":\"search_customer\",\"params\":{\"query\":\"initech\"}}"));

    Reply audit = get("/audit/export?key_id=env-x-proxy-key", PROXY_KEY);

    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.raw()).contains("env-x-proxy-key").doesNotContain(PROXY_KEY);
  }
}
