package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
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
 * {@code TOOLGATE_MCP_CATALOG=compact} on a real server (loopback port, SQLite in a temporary
 * directory), driven by the official MCP Java SDK client: {@code tools/list} shows the three
 * meta-tools, which find, describe and call the tools the key may call, through the same guards.
 */
class McpCompactCatalogueIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static String noTickets;

  private final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_CATALOG", "compact"));
    agent = gateway.createKey("compact-agent", "agent").secret();
    ObjectNode deny = Json.object();
    deny.putArray("deny_tools").add("create_ticket");
    noTickets = gateway.createKey(deny, "compact-no-tickets", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  private McpSyncClient client(String key) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.base())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
            .build();
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(WAIT).clientInfo(new McpSchema.Implementation("compact-test", "1")).build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static CallToolResult call(McpSyncClient client, String tool, String arguments) {
    return client.callTool(CallToolRequest.builder(tool).arguments(map(arguments)).build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String json) {
    return Json.mapper().convertValue(Json.parse(json), Map.class);
  }

  private static JsonNode structured(CallToolResult result) {
    return Json.mapper().valueToTree(result.structuredContent());
  }

  private static List<String> names(JsonNode search) {
    List<String> names = new ArrayList<>();
    search.path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  @Test
  void toolsListShowsExactlyTheThreeMetaTools() {
    McpSyncClient client = client(agent);
    McpSchema.ListToolsResult listed = client.listTools();

    assertThat(client.getCurrentInitializationResult().instructions()).contains("search_tools");

    assertThat(listed.tools()).extracting(McpSchema.Tool::name)
        .containsExactly("call_tool", "describe_tool", "search_tools");
    assertThat(listed.nextCursor()).isNull();
  }

  @Test
  void searchFindsCreateTicketByAWordAndDescribeGivesItsSchema() {
    McpSyncClient client = client(agent);

    CallToolResult found = call(client, "search_tools", "{\"query\":\"ticket\"}");
    CallToolResult described = call(client, "describe_tool", "{\"name\":\"create_ticket\"}");

    assertThat(found.isError()).as(String.valueOf(found)).isFalse();
    assertThat(names(structured(found))).contains("create_ticket").doesNotContain("send_message");
    JsonNode hit = structured(found).path("tools").get(0);
    assertThat(hit.path("name").asText()).isEqualTo("create_ticket");
    assertThat(hit.path("category").asText()).isEqualTo("write");
    assertThat(hit.path("description").asText()).isNotBlank();
    JsonNode tool = structured(described);
    assertThat(described.isError()).isFalse();
    assertThat(tool.path("name").asText()).isEqualTo("create_ticket");
    assertThat(tool.path("inputSchema").path("properties").has("customer_id")).isTrue();
    assertThat(tool.path("inputSchema").path("properties").has("idempotency_key")).isTrue();
    assertThat(tool.path("outputSchema").isObject()).isTrue();
    assertThat(tool.path("annotations").path("readOnlyHint").asBoolean()).isFalse();
  }

  @Test
  void searchByCategoryListsOnlyThatCategory() {
    JsonNode reads = structured(call(client(agent), "search_tools", "{\"category\":\"read\"}"));

    assertThat(names(reads)).contains("search_customer").doesNotContain("create_ticket");
  }

  @Test
  void callToolCreatesATicketOnceAndARetryWithTheSameKeyReplaysIt() {
    McpSyncClient client = client(agent);
    String args =
        "{\"name\":\"create_ticket\",\"arguments\":{\"customer_id\":\"cus_002\",\"subject\":\"Compact export\"},"
            + "\"idempotency_key\":\"compact-ticket-1\"}";

    CallToolResult first = call(client, "call_tool", args);
    CallToolResult again = call(client, "call_tool", args);
    CallToolResult direct =
        call(client, "create_ticket", "{\"customer_id\":\"cus_002\",\"subject\":\"Compact export\",\"idempotency_key\":\"compact-ticket-1\"}");

    assertThat(first.isError()).as(String.valueOf(first)).isFalse();
    String ticket = structured(first).path("ticket").path("id").asText();
    assertThat(ticket).isNotBlank();
    assertThat(first.meta()).containsEntry("dev.toolgate/idempotent_replay", false);
    assertThat(structured(again).path("ticket").path("id").asText()).isEqualTo(ticket);
    assertThat(again.meta()).containsEntry("dev.toolgate/idempotent_replay", true);
    assertThat(structured(direct).path("ticket").path("id").asText()).as("same pipeline, same key").isEqualTo(ticket);
  }

  @Test
  void callToolValidatesTheToolsArgumentsLikeADirectCall() {
    CallToolResult result =
        call(client(agent), "call_tool", "{\"name\":\"create_ticket\",\"arguments\":{\"customer_id\":\"cus_002\"}}");

    assertThat(result.isError()).isTrue();
    assertThat(structured(result).path("error").path("code").asText()).isEqualTo("invalid_arguments");
  }

  @Test
  void anUnknownToolThroughCallToolIsTheSameProtocolErrorAsADirectCall() {
    assertThatThrownBy(() -> call(client(agent), "call_tool", "{\"name\":\"no_such_tool\"}"))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Unknown tool: no_such_tool");
  }

  @Test
  void callToolWithoutANameIsInvalidArguments() {
    CallToolResult result = call(client(agent), "call_tool", "{\"arguments\":{}}");

    assertThat(result.isError()).isTrue();
    assertThat(structured(result).path("error").path("code").asText()).isEqualTo("invalid_arguments");
    assertThat(structured(result).path("error").path("details").toString()).contains("name");
  }

  @Test
  void aKeyThatMayNotCallAToolNeitherFindsNorDescribesNorCallsIt() {
    McpSyncClient client = client(noTickets);

    JsonNode found = structured(call(client, "search_tools", "{\"query\":\"ticket\"}"));
    CallToolResult described = call(client, "describe_tool", "{\"name\":\"create_ticket\"}");

    assertThat(names(found)).doesNotContain("create_ticket");
    assertThat(described.isError()).isTrue();
    assertThat(structured(described).path("error").path("code").asText()).isEqualTo("unknown_tool");
    CallToolResult called =
        call(client, "call_tool", "{\"name\":\"create_ticket\",\"arguments\":{\"customer_id\":\"cus_002\",\"subject\":\"Sneaky\"}}");
    assertThat(called.isError()).as("refused by policy, as a direct call is").isTrue();
    assertThat(structured(called).path("error").path("code").asText()).isEqualTo("tool_not_allowed");
    // The other tools of that key are still found.
    assertThat(names(structured(call(client, "search_tools", "{\"query\":\"customer\"}")))).contains("search_customer");
  }
}
