package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party MCP server run unmodified behind the gateway: the official reference "everything"
 * server (see {@link EverythingServer}) over stdio. Its tools are called over REST and by the SDK's
 * client on {@code /mcp}; what arrives is compared with what the same server answers a client
 * connected to it directly, and every call is guarded and audited.
 */
class EverythingUpstreamIntegrationTest {
  /** A time of day as the server writes it into a resource it makes per call, e.g. "9:20:09 PM". */
  private static final Pattern CLOCK_TIME = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}\\s?[AP]M");

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static McpSyncClient direct;
  static final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path script = EverythingServer.require();
    Path servers = workDir.resolve("servers.json");
    Files.writeString(servers, "{\"mcpServers\": {" + EverythingServer.stdioEntry("everything") + "}}");
    gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", servers.toString()));
    agent = gateway.createKey("agent", "agent").secret();
    UpstreamAwait.tool(gateway, agent, "everything.echo");

    direct = McpClient.sync(new StdioClientTransport(
            ServerParameters.builder(EverythingServer.nodeCommand()).args(script.toString(), "stdio").build(),
            new JacksonMcpJsonMapper(Json.mapper())))
        .requestTimeout(WAIT)
        .build();
    direct.initialize();
  }

  @AfterAll
  static void stop() {
    clients.forEach(McpSyncClient::closeGracefully);
    if (direct != null) {
      direct.closeGracefully();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private static McpSyncClient client(McpClient.SyncSpec spec) {
    McpSyncClient client = spec.requestTimeout(WAIT).clientInfo(new McpSchema.Implementation("everything-test", "1")).build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static McpClient.SyncSpec spec() {
    return McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.base())
        .endpoint("/mcp")
        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + agent))
        .build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String json) {
    return Json.mapper().convertValue(Json.parse(json), Map.class);
  }

  private static JsonNode wire(Object value) {
    return Json.mapper().valueToTree(value);
  }

  /**
   * The content blocks in MCP's wire form with each resource blob decoded and clock times masked: the
   * server stamps a blob resource with the time it made it, so two calls a second apart differ there.
   */
  private static JsonNode comparable(Object content) {
    JsonNode node = wire(content).deepCopy();
    for (JsonNode block : node) {
      JsonNode resource = block.path("resource");
      if (resource.has("blob")) {
        String decoded = new String(Base64.getDecoder().decode(resource.get("blob").asText()), StandardCharsets.UTF_8);
        ((ObjectNode) resource).put("blob", CLOCK_TIME.matcher(decoded).replaceAll("<time>"));
      }
    }
    return node;
  }

  @Test
  void restCallsAreGuardedAndAudited() {
    Reply echo = gateway.post("/tools/everything.echo", agent, "{\"message\":\"hi\"}");
    assertThat(echo.status()).as(echo.raw()).isEqualTo(200);
    assertThat(echo.json().path("result").asText()).isEqualTo("Echo: hi");

    Reply sum = gateway.post("/tools/everything.get-sum", agent, "{\"a\":2,\"b\":3}");
    assertThat(sum.status()).as(sum.raw()).isEqualTo(200);
    assertThat(sum.json().path("result").asText()).contains("5");

    // The upstream's own input schema (draft-07, written by zod) is enforced at the gateway.
    Reply invalid = gateway.post("/tools/everything.get-sum", agent, "{\"a\":\"two\",\"b\":3}");
    assertThat(invalid.status()).as(invalid.raw()).isEqualTo(400);
    Reply noKey = gateway.post("/tools/everything.echo", null, "{\"message\":\"hi\"}");
    assertThat(noKey.status()).isEqualTo(401);

    JsonNode audit = gateway.get("/audit?tool=everything.get-sum", gateway.adminKey).json().path("records");
    assertThat(audit.size()).as(audit.toString()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void everyContentTypeArrivesAsTheUpstreamSentIt() {
    McpSyncClient viaGateway = client(spec());
    List<String> calls = List.of(
        "echo {\"message\":\"hello\"}",
        "get-sum {\"a\":1.5,\"b\":2}",
        "get-tiny-image {}",
        "get-annotated-message {\"messageType\":\"error\",\"includeImage\":true}",
        "get-annotated-message {\"messageType\":\"success\",\"includeImage\":false}",
        "get-resource-reference {\"resourceType\":\"Blob\",\"resourceId\":2}",
        "get-resource-reference {\"resourceType\":\"Text\",\"resourceId\":1}",
        "get-resource-links {\"count\":3}",
        "get-structured-content {\"location\":\"Chicago\"}");
    for (String call : calls) {
      String name = call.substring(0, call.indexOf(' '));
      Map<String, Object> arguments = map(call.substring(call.indexOf(' ') + 1));
      CallToolResult upstream = direct.callTool(CallToolRequest.builder(name).arguments(arguments).build());
      CallToolResult through = viaGateway.callTool(CallToolRequest.builder("everything." + name).arguments(arguments).build());
      assertThat(through.isError()).as(call + ": " + through).isNotEqualTo(Boolean.TRUE);
      assertThat(comparable(through.content())).as(call).isEqualTo(comparable(upstream.content()));
      assertThat(wire(through.structuredContent())).as(call).isEqualTo(wire(upstream.structuredContent()));
      // The gateway adds its own _meta (request id, replay); the call is audited under the namespaced name.
      assertThat(through.meta()).as(call).containsKey("dev.toolgate/request_id");
    }

    CallToolResult image = viaGateway.callTool(CallToolRequest.builder("everything.get-tiny-image").build());
    McpSchema.ImageContent png = image.content().stream()
        .filter(McpSchema.ImageContent.class::isInstance).map(McpSchema.ImageContent.class::cast).findFirst().orElseThrow();
    assertThat(png.mimeType()).isEqualTo("image/png");
    byte[] bytes = Base64.getDecoder().decode(png.data());
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');

    CallToolResult reference = viaGateway.callTool(CallToolRequest.builder("everything.get-resource-reference")
        .arguments(map("{\"resourceType\":\"Text\",\"resourceId\":1}")).build());
    assertThat(reference.content()).anySatisfy(c -> assertThat(c).isInstanceOf(McpSchema.EmbeddedResource.class));
    CallToolResult links = viaGateway.callTool(CallToolRequest.builder("everything.get-resource-links")
        .arguments(map("{\"count\":2}")).build());
    assertThat(links.content()).filteredOn(McpSchema.ResourceLink.class::isInstance).hasSize(2);

    JsonNode audit = gateway.get("/audit?tool=everything.get-tiny-image", gateway.adminKey).json().path("records");
    assertThat(audit.size()).as(audit.toString()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void progressOfALongRunningOperationReachesTheClient() {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    McpSyncClient viaGateway = client(spec().progressConsumer(progress::add));
    CallToolResult result = viaGateway.callTool(CallToolRequest.builder("everything.trigger-long-running-operation")
        .arguments(map("{\"duration\":1,\"steps\":3}"))
        .progressToken("long-1")
        .build());
    assertThat(((McpSchema.TextContent) result.content().get(0)).text()).startsWith("Long running operation completed");
    assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("long-1"));
    // Every step of the upstream's own (1/3, 2/3, 3/3), between the gateway's "calling" and "done".
    assertThat(progress).filteredOn(p -> Double.valueOf(3.0).equals(p.total()))
        .extracting(McpSchema.ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
    assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void theUpstreamsLogMessagesReachACallerWhileItsCallRuns() {
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    McpSyncClient viaGateway = client(spec().loggingConsumer(logs::add));
    viaGateway.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
    // The server then logs every 5 s on its session (the gateway's one session with it).
    CallToolResult toggled = viaGateway.callTool(CallToolRequest.builder("everything.toggle-simulated-logging")
        .arguments(Map.of()).meta(Map.of("idempotency_key", "logging-on")).build());
    assertThat(((McpSchema.TextContent) toggled.content().get(0)).text()).startsWith("Started simulated");

    viaGateway.callTool(CallToolRequest.builder("everything.trigger-long-running-operation")
        .arguments(map("{\"duration\":11,\"steps\":1}")).build());
    // MCP log messages are not tied to a request; the gateway gives them to the calls in flight.
    assertThat(logs).isNotEmpty();
    assertThat(logs).allSatisfy(log -> assertThat(log.data()).isNotBlank());
  }

  @Test
  void samplingAndElicitationRequestsReachTheCallingClient() {
    List<McpSchema.CreateMessageRequest> sampled = new CopyOnWriteArrayList<>();
    List<McpSchema.ElicitRequest> elicited = new CopyOnWriteArrayList<>();
    McpSyncClient viaGateway = client(spec()
        .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
        .sampling(request -> {
          sampled.add(request);
          return McpSchema.CreateMessageResult.builder()
              .role(McpSchema.Role.ASSISTANT)
              .content(new McpSchema.TextContent("sampled by the test client"))
              .model("test-model")
              .build();
        })
        .elicitation(request -> {
          elicited.add(request);
          return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
        }));

    CallToolResult sampling = viaGateway.callTool(CallToolRequest.builder("everything.trigger-sampling-request")
        .arguments(map("{\"prompt\":\"say hi\"}")).meta(Map.of("idempotency_key", "sample-1")).build());
    assertThat(sampling.isError()).as(String.valueOf(sampling)).isNotEqualTo(Boolean.TRUE);
    assertThat(((McpSchema.TextContent) sampling.content().get(0)).text()).contains("sampled by the test client");
    assertThat(sampled).singleElement().satisfies(r -> assertThat(wire(r.messages()).toString()).contains("say hi"));

    CallToolResult elicitation = viaGateway.callTool(CallToolRequest.builder("everything.trigger-elicitation-request")
        .arguments(Map.of()).meta(Map.of("idempotency_key", "elicit-1")).build());
    assertThat(elicitation.isError()).as(String.valueOf(elicitation)).isNotEqualTo(Boolean.TRUE);
    assertThat(elicited).hasSize(1);
    assertThat(wire(elicitation.content()).toString()).containsIgnoringCase("decline");
  }
}
