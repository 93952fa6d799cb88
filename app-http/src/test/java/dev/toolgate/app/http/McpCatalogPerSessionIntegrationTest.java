package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue chosen per session on one server whose default is the full listing: a client that
 * connects to {@code /mcp?catalog=compact} or sends {@code X-Toolgate-Catalog: compact} gets the
 * meta-tools, one next to it on plain {@code /mcp} every tool.
 */
class McpCatalogPerSessionIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;

  private final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir, Map.of());
    agent = gateway.createKey("per-session-agent", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  private McpSyncClient client(String endpoint, String catalogHeader) {
    HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + agent);
    if (catalogHeader != null) {
      request.header("X-Toolgate-Catalog", catalogHeader);
    }
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.base()).endpoint(endpoint).requestBuilder(request).build();
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(WAIT).clientInfo(new McpSchema.Implementation("per-session", "1")).build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

  @Test
  void aCompactSessionByQueryAndAFullSessionSideBySide() {
    McpSyncClient compact = client("/mcp?catalog=compact", null);
    McpSyncClient full = client("/mcp", null);

    assertThat(names(compact)).containsExactly("call_tool", "describe_tool", "search_tools");
    assertThat(compact.getCurrentInitializationResult().instructions()).contains("search_tools");
    assertThat(names(full)).contains("create_ticket", "search_customer").doesNotContain("search_tools");
    assertThat(full.getCurrentInitializationResult().instructions()).doesNotContain("search_tools");
    // The compact session reaches the same tools through call_tool.
    McpSchema.CallToolResult found = compact.callTool(McpSchema.CallToolRequest.builder("call_tool")
        .arguments(Map.of("name", "search_customer", "arguments", Map.of("query", "Acme")))
        .build());
    assertThat(found.isError()).as(String.valueOf(found)).isFalse();
  }

  @Test
  void theHeaderChoosesTooAndFullCanBeAskedForExplicitly() {
    assertThat(names(client("/mcp", "compact"))).containsExactly("call_tool", "describe_tool", "search_tools");
    assertThat(names(client("/mcp", "full"))).contains("create_ticket");
  }

  @Test
  void anUnknownCatalogueIsRefusedNamingTheChoices() {
    McpSyncClient client = client("/mcp?catalog=tiny", null);

    assertThatThrownBy(client::listTools)
        .isInstanceOf(McpError.class)
        .hasMessageContaining("expected 'full' or 'compact', got 'tiny'");
  }
}
