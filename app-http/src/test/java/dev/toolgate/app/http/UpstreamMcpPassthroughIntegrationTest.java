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
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream's prompts, resources, templates, completion and subscriptions through Toolgate's
 * {@code /mcp}, driven by the official SDK client against a real stdio upstream ({@link EchoUpstream}).
 */
class UpstreamMcpPassthroughIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static String noUpstream;

  private final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String server = "\"up\": {\"command\": " + quote(java) + ", \"args\": [\"-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider\", "
        + "\"-cp\", " + quote(System.getProperty("java.class.path")) + ", \"dev.toolgate.app.http.EchoUpstream\"]}";
    Path file = workDir.resolve("servers.json");
    Files.writeString(file, "{\"mcpServers\": {" + server + "}}");
    gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", file.toString()));
    agent = gateway.createKey("passthrough-agent", "agent").secret();
    ObjectNode deny = Json.object();
    deny.putArray("deny_tools").add("up.echo").add("up.wipe").add("up.touch").add("up.summarize");
    noUpstream = gateway.createKey(deny, "no-upstream", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  private static String quote(String text) {
    return Json.write(Json.mapper().valueToTree(text));
  }

  private McpSyncClient client(String key, List<McpSchema.ResourceContents> updates) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.base())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(WAIT)
            .clientInfo(new McpSchema.Implementation("passthrough-test", "1"))
            .resourcesUpdateConsumer(updates::addAll)
            .build();
    clients.add(client);
    client.initialize();
    awaitUpstreamPrompt(client, key);
    return client;
  }

  private McpSyncClient client(String key) {
    return client(key, new CopyOnWriteArrayList<>());
  }

  /** The upstream connects in the background; its prompts are there once its tools are. */
  private static void awaitUpstreamPrompt(McpSyncClient client, String key) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode tools = gateway.get("/mcp/tools", agent).json().path("tools");
      List<String> names = new ArrayList<>();
      tools.forEach(t -> names.add(t.path("name").asText()));
      if (names.contains("up.touch") && !gateway.runtime.mcpPassthrough().prompts().isEmpty()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("upstream not connected after " + WAIT + ": " + gateway.runtime.upstreams());
  }

  private static String text(McpSchema.GetPromptResult result) {
    return ((McpSchema.TextContent) result.messages().get(0).content()).text();
  }

  private static String text(McpSchema.ReadResourceResult result) {
    return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
  }

  @Test
  void declaresPromptsResourcesSubscriptionsAndCompletion() {
    McpSchema.ServerCapabilities capabilities = client(agent).getServerCapabilities();

    assertThat(capabilities.prompts().listChanged()).isTrue();
    assertThat(capabilities.resources().subscribe()).isTrue();
    assertThat(capabilities.resources().listChanged()).isTrue();
    assertThat(capabilities.completions()).isNotNull();
  }

  @Test
  void upstreamPromptsAreNamespacedNextToTheGatewaysOwnAndTakeTheirArguments() {
    McpSyncClient client = client(agent);

    List<String> names = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
    McpSchema.GetPromptResult greeting =
        client.getPrompt(new McpSchema.GetPromptRequest("up.greet", Map.of("name", "Ada", "mood", "cheerful")));

    assertThat(names).contains("up.greet", "triage_customer_issue").doesNotContain("greet");
    assertThat(text(greeting)).isEqualTo("Say a cheerful hello to Ada");
    assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("up.greet", Map.of())))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("greet needs a name");
    assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("up.nope", Map.of())))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Unknown prompt: up.nope");
  }

  @Test
  void completionIsRoutedByPromptNameAndByResourceTemplate() {
    McpSyncClient client = client(agent);

    McpSchema.CompleteResult names = client.completeCompletion(new McpSchema.CompleteRequest(
        new McpSchema.PromptReference("up.greet"), new McpSchema.CompleteRequest.CompleteArgument("name", "al")));
    McpSchema.CompleteResult ids = client.completeCompletion(new McpSchema.CompleteRequest(
        new McpSchema.ResourceReference(EchoUpstream.NOTES_TEMPLATE), new McpSchema.CompleteRequest.CompleteArgument("id", "1")));

    assertThat(names.completion().values()).containsExactly("alice", "albert");
    assertThat(ids.completion().values()).containsExactly("1", "12");
  }

  @Test
  void upstreamResourcesAndTemplatesAreListedWithTheirOwnUrisAndRead() {
    McpSyncClient client = client(agent);

    List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
    List<String> templates =
        client.listResourceTemplates().resourceTemplates().stream().map(McpSchema.ResourceTemplate::uriTemplate).toList();

    assertThat(uris).contains(EchoUpstream.NOTE, "toolgate://tools");
    assertThat(templates).contains(EchoUpstream.NOTES_TEMPLATE, "toolgate://approvals/{approval_id}");
    assertThat(text(client.readResource(new McpSchema.ReadResourceRequest(EchoUpstream.NOTE)))).startsWith("note v");
    assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("memo://notes/7")))).isEqualTo("note 7");
    assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("other://x")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Resource not found: other://x");
  }

  @Test
  void aSubscribedClientHearsOfAnUpstreamUpdate() throws InterruptedException {
    List<McpSchema.ResourceContents> updates = new CopyOnWriteArrayList<>();
    McpSyncClient client = client(agent, updates);

    client.subscribeResource(new McpSchema.SubscribeRequest(EchoUpstream.NOTE));
    McpSchema.CallToolResult touched = client.callTool(McpSchema.CallToolRequest.builder("up.touch").arguments(Map.of()).build());

    assertThat(touched.isError()).as(String.valueOf(touched)).isFalse();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (updates.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(updates).extracting(McpSchema.ResourceContents::uri).contains(EchoUpstream.NOTE);
    client.unsubscribeResource(new McpSchema.UnsubscribeRequest(EchoUpstream.NOTE));
  }

  @Test
  void anUpstreamsSamplingRequestReachesAClientThatDeclaredSamplingAndIsRefusedToOneThatDidNot() {
    List<McpSchema.CreateMessageRequest> asked = new CopyOnWriteArrayList<>();
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.base())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + agent))
            .build();
    McpSyncClient sampler =
        McpClient.sync(transport)
            .requestTimeout(WAIT)
            .clientInfo(new McpSchema.Implementation("sampler", "1"))
            .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
            .sampling(request -> {
              asked.add(request);
              return McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT, "short version", "test-model").build();
            })
            .build();
    clients.add(sampler);
    sampler.initialize();
    awaitUpstreamPrompt(sampler, agent);
    McpSyncClient plain = client(agent);
    McpSchema.CallToolRequest summarize =
        McpSchema.CallToolRequest.builder("up.summarize").arguments(Map.of("text", "a long story")).build();

    String sampled = ((McpSchema.TextContent) sampler.callTool(summarize).content().get(0)).text();
    String refused = ((McpSchema.TextContent) plain.callTool(summarize).content().get(0)).text();

    assertThat(sampled).isEqualTo("sampled by test-model: short version");
    assertThat(asked).hasSize(1);
    assertThat(((McpSchema.TextContent) asked.get(0).messages().get(0).content()).text()).isEqualTo("Summarize: a long story");
    assertThat(refused).startsWith("refused: ").contains("does not support sampling");
  }

  @Test
  void aKeyThatMayCallNoneOfTheUpstreamsToolsSeesNoneOfItsPromptsOrResources() {
    McpSyncClient client = client(noUpstream);

    assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).doesNotContain("up.greet");
    assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).doesNotContain(EchoUpstream.NOTE);
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate).doesNotContain(EchoUpstream.NOTES_TEMPLATE);
    assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("up.greet", Map.of("name", "x"))))
        .isInstanceOf(McpError.class).hasMessageContaining("Unknown prompt: up.greet");
    assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest(EchoUpstream.NOTE)))
        .isInstanceOf(McpError.class).hasMessageContaining("Resource not found");
    assertThatThrownBy(() -> client.subscribeResource(new McpSchema.SubscribeRequest(EchoUpstream.NOTE)))
        .isInstanceOf(McpError.class).hasMessageContaining("Resource not found");
  }

  @Test
  void promptGetsAndResourceReadsAreAuditedOnceEach() {
    McpSyncClient client = client(agent);

    client.getPrompt(new McpSchema.GetPromptRequest("up.greet", Map.of("name", "Audit")));
    client.readResource(new McpSchema.ReadResourceRequest("memo://notes/audit"));

    JsonNode prompts = gateway.get("/audit?tool=up.greet", gateway.adminKey).json().path("records");
    List<JsonNode> matching = new ArrayList<>();
    prompts.forEach(r -> {
      if ("Audit".equals(r.path("arguments").path("name").asText())) {
        matching.add(r);
      }
    });
    assertThat(matching).hasSize(1);
    assertThat(matching.get(0).path("outcome").asText()).isEqualTo("executed");
    assertThat(matching.get(0).path("details").path("server").asText()).isEqualTo("up");
    JsonNode recent = gateway.get("/audit?limit=50", gateway.adminKey).json().path("records");
    List<JsonNode> reads = new ArrayList<>();
    recent.forEach(r -> {
      if ("memo://notes/audit".equals(r.path("details").path("uri").asText())) {
        reads.add(r);
      }
    });
    assertThat(reads).hasSize(1);
    assertThat(reads.get(0).path("details").path("method").asText()).isEqualTo("resources/read");
  }
}
