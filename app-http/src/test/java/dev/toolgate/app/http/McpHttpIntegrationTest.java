package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.support.CustomerStatus;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over Streamable HTTP at {@code /mcp} of a real server (ephemeral loopback port, SQLite in a
 * temporary directory), driven by the official MCP Java SDK client, and by plain HTTP where the test
 * is about the transport itself (401, 403, session ownership and termination, cancellation).
 * Self-approval is on, so that a key holding both agent and approver roles can be asked inline, and
 * one extra Host name is allowed.
 */
class McpHttpIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ACCEPT = "application/json, text/event-stream";

  @TempDir static Path workDir;
  static TestGateway gateway;
  static String agent;
  static String restricted;
  static String agentApprover;
  static String limited;

  private final List<McpSyncClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    gateway =
        TestGateway.start(
            workDir, Map.of("TOOLGATE_SELF_APPROVAL", "true", "TOOLGATE_MCP_ALLOWED_HOSTS", "mcp.example.test:*"));
    agent = gateway.createKey("mcp-agent", "agent").secret();
    ObjectNode deny = Json.object();
    deny.putArray("deny_tools").add("send_message");
    restricted = gateway.createKey(deny, "mcp-restricted", "agent").secret();
    agentApprover = gateway.createKey("mcp-both", "agent", "approver").secret();
    ObjectNode slow = Json.object();
    slow.put("rate_limit", "1/minute");
    limited = gateway.createKey(slow, "mcp-limited", "agent").secret();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  /** A connected SDK client; {@code elicitation} null means the client declares no elicitation. */
  private McpSyncClient client(String key, Function<ElicitFormRequest, ElicitResult> elicitation, Events events) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(gateway.base())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
            .build();
    McpClient.SyncSpec spec =
        McpClient.sync(transport)
            .requestTimeout(WAIT)
            .clientInfo(new McpSchema.Implementation("toolgate-test", "1"))
            .progressConsumer(events.progress::add)
            .loggingConsumer(events.logs::add);
    if (elicitation != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
    }
    McpSyncClient client = spec.build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private McpSyncClient client(String key) {
    return client(key, null, new Events());
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

  private static String errorCode(CallToolResult result) {
    assertThat(result.isError()).as(String.valueOf(result)).isTrue();
    return structured(result).path("error").path("code").asText();
  }

  private static String text(CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void initializeNegotiatesTheLatestProtocolAndAnnouncesWhatTheServerOffers() {
    McpSyncClient client = client(agent);

    McpSchema.InitializeResult init = client.getCurrentInitializationResult();
    assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
    assertThat(init.serverInfo().name()).isEqualTo("toolgate");
    assertThat(init.serverInfo().version()).isEqualTo(ToolgateVersion.current());
    assertThat(init.capabilities().tools()).isNotNull();
    assertThat(init.capabilities().prompts()).isNotNull();
    assertThat(init.capabilities().resources()).isNotNull();
    assertThat(init.capabilities().logging()).isNotNull();
    assertThat(init.instructions()).contains("idempotency_key");
  }

  @Test
  void toolsListShowsOnlyWhatTheKeyMayCallWithSchemasAndHints() {
    List<McpSchema.Tool> all = client(agent).listTools().tools();
    List<McpSchema.Tool> some = client(restricted).listTools().tools();

    assertThat(all).extracting(McpSchema.Tool::name)
        .contains("create_ticket", "get_incident_impact", "search_customer", "send_message", "update_customer_status")
        .isSorted();
    assertThat(some).extracting(McpSchema.Tool::name).doesNotContain("send_message").hasSize(all.size() - 1);

    McpSchema.Tool search = all.stream().filter(t -> t.name().equals("search_customer")).findFirst().orElseThrow();
    assertThat(search.title()).isNotBlank();
    assertThat(search.outputSchema()).containsKey("properties");
    assertThat(search.annotations().readOnlyHint()).isTrue();
    assertThat(((Map<?, ?>) search.inputSchema().get("properties")).containsKey("idempotency_key")).isFalse();

    McpSchema.Tool create = all.stream().filter(t -> t.name().equals("create_ticket")).findFirst().orElseThrow();
    assertThat(create.annotations().readOnlyHint()).isFalse();
    assertThat(((Map<?, ?>) create.inputSchema().get("properties")).containsKey("idempotency_key")).isTrue();

    McpSchema.Tool status = all.stream().filter(t -> t.name().equals("update_customer_status")).findFirst().orElseThrow();
    assertThat(status.meta()).containsEntry("dev.toolgate/requires_approval", true);
    assertThat(status.description()).contains("approval");
  }

  @Test
  void aSuccessfulCallReturnsStructuredContentAndTheSameJsonAsText() {
    CallToolResult result = call(client(agent), "search_customer", "{\"query\":\"Acme\"}");

    assertThat(result.isError()).isFalse();
    JsonNode content = structured(result);
    assertThat(content.path("customers").path(0).path("id").asText()).isEqualTo("cus_001");
    assertThat(content.path("count").asInt()).isEqualTo(1);
    assertThat(Json.parse(text(result))).isEqualTo(content);
    assertThat(result.meta()).containsKey("dev.toolgate/request_id");
  }

  @Test
  void theAccessLogLineOfACallCarriesItsRequestAndKeyIds() {
    McpSyncClient client = client(agent);
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.toolgate.http.access");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>() {
          @Override
          protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the log context of the thread that logged, not the test's
            super.append(event);
          }
        };
    captured.start();
    ch.qos.logback.classic.Level level = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.INFO);
    access.addAppender(captured);
    CallToolResult result;
    try {
      result = call(client, "search_customer", "{\"query\":\"Acme\"}");
      // The line is written when the request's thread leaves the filter, which may be just after the answer arrives.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (captured.list.stream().noneMatch(event -> event.getFormattedMessage().startsWith("POST "))
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    } finally {
      access.detachAppender(captured);
      access.setLevel(level);
    }

    // The call runs on the request's thread (HTTP) and must leave that thread's log context as it found it.
    String requestId = (String) result.meta().get("dev.toolgate/request_id");
    assertThat(captured.list)
        .filteredOn(event -> event.getFormattedMessage().startsWith("POST "))
        .anySatisfy(
            event -> {
              assertThat(event.getMDCPropertyMap()).containsEntry("request_id", requestId);
              assertThat(event.getMDCPropertyMap()).containsKey("key_id");
            });
  }

  @Test
  void aToolHiddenByPolicyIsDeniedWithTheRuleThatDeniedIt() {
    CallToolResult result = call(client(restricted), "send_message", "{\"channel\":\"#support\",\"text\":\"hi\"}");

    assertThat(errorCode(result)).isEqualTo("tool_not_allowed");
    assertThat(structured(result).path("error").path("details").path("rule").asText()).isEqualTo("key_deny");
    assertThat(structured(result).path("retryable").asBoolean(true)).isFalse();
  }

  @Test
  void invalidArgumentsComeBackAsFieldErrors() {
    CallToolResult result = call(client(agent), "search_customer", "{\"limit\":99}");

    assertThat(errorCode(result)).isEqualTo("invalid_arguments");
    JsonNode errors = structured(result).path("error").path("details").path("errors");
    assertThat(errors.size()).isGreaterThanOrEqualTo(2);
    assertThat(errors.findValuesAsText("field")).contains("/limit");
    assertThat(text(result)).contains("/limit");
  }

  @Test
  void overTheRateLimitTheResultSaysWhenToRetry() {
    McpSyncClient client = client(limited);
    assertThat(call(client, "search_customer", "{\"query\":\"Globex\"}").isError()).isFalse();

    CallToolResult second = call(client, "search_customer", "{\"query\":\"Initech\"}");

    assertThat(errorCode(second)).isEqualTo("rate_limited");
    assertThat(structured(second).path("retryable").asBoolean()).isTrue();
    assertThat(structured(second).path("error").path("details").path("retry_after_ms").asLong()).isPositive();
  }

  @Test
  void aFailingToolIsAnErrorResultThatSaysWhetherToRetry() {
    CallToolResult result = call(client(agent), "create_ticket", "{\"customer_id\":\"cus_999\",\"subject\":\"Nobody\"}");

    assertThat(errorCode(result)).isEqualTo("not_found");
    assertThat(structured(result).path("retryable").asBoolean(true)).isFalse();
  }

  @Test
  void anUnknownToolIsAJsonRpcInvalidParamsError() {
    McpSyncClient client = client(agent);

    assertThatThrownBy(() -> call(client, "no_such_tool", "{}"))
        .isInstanceOfSatisfying(
            McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
  }

  @Test
  void theSameIdempotencyKeyReplaysTheFirstResultAndRefusesOtherArguments() {
    McpSyncClient client = client(agent);
    String args = "{\"customer_id\":\"cus_002\",\"subject\":\"Export broken\",\"idempotency_key\":\"mcp-ticket-1\"}";

    CallToolResult first = call(client, "create_ticket", args);
    CallToolResult again = call(client, "create_ticket", args);
    CallToolResult viaMeta =
        client.callTool(
            CallToolRequest.builder("create_ticket")
                .arguments(map("{\"customer_id\":\"cus_002\",\"subject\":\"Export broken\"}"))
                .meta(Map.of("idempotency_key", "mcp-ticket-1"))
                .build());
    CallToolResult reused =
        call(client, "create_ticket", "{\"customer_id\":\"cus_003\",\"subject\":\"Other\",\"idempotency_key\":\"mcp-ticket-1\"}");

    String ticket = structured(first).path("ticket").path("id").asText();
    assertThat(first.meta()).containsEntry("dev.toolgate/idempotent_replay", false);
    assertThat(structured(again).path("ticket").path("id").asText()).isEqualTo(ticket);
    assertThat(again.meta()).containsEntry("dev.toolgate/idempotent_replay", true);
    assertThat(structured(viaMeta).path("ticket").path("id").asText()).isEqualTo(ticket);
    assertThat(errorCode(reused)).isEqualTo("idempotency_key_reused");
  }

  @Test
  void withoutInlineApprovalTheResultNamesTheApprovalAndHowToWait() {
    McpSyncClient client = client(agent, request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "approve")), new Events());

    CallToolResult result =
        call(client, "update_customer_status", "{\"customer_id\":\"cus_003\",\"status\":\"suspended\",\"idempotency_key\":\"st-3\"}");

    assertThat(errorCode(result)).isEqualTo("approval_required");
    String id = structured(result).path("error").path("details").path("approval_id").asText();
    assertThat(id).startsWith("apr_");
    assertThat(text(result)).contains("toolgate://approvals/" + id).contains("'st-3'");
    McpSchema.ReadResourceResult approval = client.readResource(new McpSchema.ReadResourceRequest("toolgate://approvals/" + id, null));
    JsonNode view = Json.parse(((McpSchema.TextResourceContents) approval.contents().get(0)).text());
    assertThat(view.path("status").asText()).isEqualTo("pending");
    assertThat(statusOf("cus_003")).isEqualTo(CustomerStatus.ACTIVE);
  }

  @Test
  void anApproverIsAskedInlineAndTheCallCompletesInTheSameRequest() {
    List<ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    McpSyncClient client =
        client(
            agentApprover,
            request -> {
              asked.add(request);
              return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "approve", "reason", "checked"));
            },
            new Events());

    CallToolResult result = call(client, "update_customer_status", "{\"customer_id\":\"cus_006\",\"status\":\"at_risk\"}");

    assertThat(result.isError()).as(String.valueOf(result)).isFalse();
    assertThat(structured(result).path("customer").path("status").asText()).isEqualTo("at_risk");
    assertThat(result.meta()).containsKey("dev.toolgate/approval_id");
    assertThat(asked).singleElement().satisfies(q -> assertThat(q.message()).contains("update_customer_status", "cus_006"));
    assertThat(statusOf("cus_006")).isEqualTo(CustomerStatus.AT_RISK);
  }

  @Test
  void declinedWhenAskedInlineTheCallIsRejectedAndNeverRuns() {
    McpSyncClient client = client(agentApprover, request -> new ElicitResult(ElicitResult.Action.DECLINE, null), new Events());

    CallToolResult result = call(client, "update_customer_status", "{\"customer_id\":\"cus_007\",\"status\":\"churned\"}");

    assertThat(errorCode(result)).isEqualTo("approval_rejected");
    assertThat(structured(result).path("error").path("details").path("reason").asText()).contains("declined");
    assertThat(statusOf("cus_007")).isEqualTo(CustomerStatus.ACTIVE);
  }

  @Test
  void aCallWithAProgressTokenReportsProgress() {
    Events events = new Events();
    McpSyncClient client = client(agent, null, events);

    CallToolResult result =
        client.callTool(
            CallToolRequest.builder("get_incident_impact")
                .arguments(map("{\"incident_id\":\"inc_003\"}"))
                .progressToken("p-1")
                .build());

    assertThat(result.isError()).isFalse();
    List<McpSchema.ProgressNotification> progress = events.await(events.progress, 2);
    assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("p-1"));
    // The gateway sends them in increasing order, but the SDK client may hand two notifications that
    // arrive together to its consumer in either order: compare them by their values.
    List<McpSchema.ProgressNotification> byValue =
        progress.stream().sorted(Comparator.comparingDouble(McpSchema.ProgressNotification::progress)).toList();
    assertThat(byValue).extracting(McpSchema.ProgressNotification::progress).doesNotHaveDuplicates();
    assertThat(byValue.get(byValue.size() - 1).message()).contains("ok");
  }

  @Test
  void untilTheClientSetsALevelOnlyWarningsReachIt() {
    Events events = new Events();
    McpSyncClient client = client(restricted, null, events);

    call(client, "search_customer", "{\"query\":\"Wayfarer\"}");
    call(client, "send_message", "{\"channel\":\"#support\",\"text\":\"hi\"}");

    // The first call's messages would have arrived before its answer, so before the second call's.
    assertThat(events.await(events.logs, 1)).singleElement().satisfies(log -> {
      assertThat(log.level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
      assertThat(log.data()).contains("tool_not_allowed");
    });
  }

  @Test
  void logMessagesFollowTheLevelTheClientSets() {
    Events events = new Events();
    McpSyncClient client = client(restricted, null, events);

    client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);
    call(client, "search_customer", "{\"query\":\"Wayfarer\"}");
    call(client, "send_message", "{\"channel\":\"#support\",\"text\":\"hi\"}");
    List<McpSchema.LoggingMessageNotification> warnings = events.await(events.logs, 1);
    assertThat(warnings).allSatisfy(log -> assertThat(log.level()).isEqualTo(McpSchema.LoggingLevel.WARNING));
    assertThat(warnings).anySatisfy(log -> assertThat(log.data()).contains("tool_not_allowed"));

    events.logs.clear();
    client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
    call(client, "search_customer", "{\"query\":\"Wayfarer\"}");
    assertThat(events.await(events.logs, 2)).extracting(McpSchema.LoggingMessageNotification::level)
        .contains(McpSchema.LoggingLevel.DEBUG, McpSchema.LoggingLevel.INFO);
  }

  @Test
  void promptsAndResourcesCarryRealContentForTheCaller() {
    McpSyncClient client = client(agent);

    assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
        .contains("triage_customer_issue", "incident_outreach", "request_status_change");
    McpSchema.GetPromptResult prompt =
        client.getPrompt(new McpSchema.GetPromptRequest("incident_outreach", Map.of("incident_id", "inc_003"), null));
    assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text())
        .contains("inc_003", "#support", "get_incident_impact", "send_message");
    assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("incident_outreach", Map.of(), null)))
        .isInstanceOf(McpError.class).hasMessageContaining("incident_id");
    assertThat(client(restricted).listPrompts().prompts()).extracting(McpSchema.Prompt::name)
        .doesNotContain("incident_outreach");

    assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
        .containsExactlyInAnyOrder("toolgate://tools", "toolgate://approvals");
    JsonNode tools = resource(client, "toolgate://tools");
    assertThat(tools.path("tools").findValuesAsText("name")).contains("create_ticket", "search_customer");
    assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
        .containsExactly("toolgate://approvals/{approval_id}");
    assertThatThrownBy(() -> resource(client, "toolgate://audit/recent")).isInstanceOf(McpError.class);

    McpSyncClient admin = client(gateway.adminKey);
    call(admin, "search_customer", "{\"query\":\"Contoso\"}");
    assertThat(admin.listResources().resources()).extracting(McpSchema.Resource::uri).contains("toolgate://audit/recent");
    JsonNode audit = resource(admin, "toolgate://audit/recent");
    assertThat(audit.path("records").path(0).path("tool").asText()).isEqualTo("search_customer");
  }

  private static JsonNode resource(McpSyncClient client, String uri) {
    McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(uri, null));
    return Json.parse(((McpSchema.TextResourceContents) read.contents().get(0)).text());
  }

  @Test
  void withoutAValidKeyTheEndpointAnswers401WithAChallenge() {
    TestGateway.Reply none = gateway.send(initialize(null));
    TestGateway.Reply wrong = gateway.send(initialize("tg_nope_nope"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(none.json().path("error").path("data").path("code").asText()).isEqualTo("unauthenticated");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void aForeignOriginOrHostIsRefusedWith403() throws Exception {
    TestGateway.Reply foreign = gateway.send(initialize(agent).header("Origin", "http://evil.example"));
    TestGateway.Reply local = gateway.send(initialize(agent).header("Origin", "http://localhost:" + gateway.server.port()));

    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.json().path("error").path("data").path("code").asText()).isEqualTo("origin_not_allowed");
    assertThat(local.status()).isEqualTo(200);
    assertThat(rawStatus("evil.example:" + gateway.server.port())).isEqualTo(403);
    assertThat(rawStatus("127.0.0.1:" + gateway.server.port())).as("past the host check, a key is asked for").isEqualTo(401);
    assertThat(rawStatus("mcp.example.test:443")).as("a configured host").isEqualTo(401);
    assertThat(rawStatus("localhost:1")).as("loopback, but not this server's port").isEqualTo(403);
  }

  /** The status of a POST /mcp with this Host header (java.net.http will not send a Host of our choosing). */
  private static int rawStatus(String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.server.port())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nAccept: " + ACCEPT
              + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  @Test
  void aDeletedSessionIsGoneAndAnotherKeyCannotUseASession() {
    TestGateway.Reply init = gateway.send(initialize(agent));
    String session = init.header("Mcp-Session-Id");
    assertThat(session).isNotBlank();

    TestGateway.Reply stolen = gateway.send(rpc(restricted, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
    TestGateway.Reply deleted = gateway.send(mcp(agent).header("Mcp-Session-Id", session).DELETE());
    TestGateway.Reply after = gateway.send(rpc(agent, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"));

    assertThat(stolen.status()).isEqualTo(404);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(after.status()).isEqualTo(404);
  }

  @Test
  void restRoutesUnderMcpAreStillServedByTheRestApi() {
    TestGateway.Reply list = gateway.get("/mcp/tools/list", agent);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("total").asInt()).isEqualTo(client(agent).listTools().tools().size());
  }

  @Test
  void cancellingACallWaitingForAnInlineApprovalStopsWaitingAndLeavesItPending() throws Exception {
    String session = gateway.send(initialize(agentApprover, "{\"elicitation\":{}}")).header("Mcp-Session-Id");
    assertThat(gateway.send(rpc(agentApprover, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).status())
        .isEqualTo(202);
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"update_customer_status\","
            + "\"arguments\":{\"customer_id\":\"cus_005\",\"status\":\"suspended\"}}}";
    HttpResponse<Stream<String>> stream =
        gateway.client.sendAsync(rpc(agentApprover, session, call).build(), HttpResponse.BodyHandlers.ofLines())
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Iterator<String> lines = stream.body().iterator();
    String question = null;
    while (question == null && lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data:") && line.contains("elicitation/create")) {
        question = line;
      }
    }
    assertThat(question).as("the inline question arrives on the call's stream").isNotNull();
    String approvalId = Json.parse(question.substring(5)).path("params").path("message").asText().replaceAll("(?s).*approval (apr_\\w+).*", "$1");

    TestGateway.Reply cancel =
        gateway.send(rpc(agentApprover, session,
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"user\"}}"));

    assertThat(cancel.status()).isEqualTo(202);
    List<String> rest = new ArrayList<>();
    lines.forEachRemaining(rest::add);
    assertThat(rest).as("no response is sent for a cancelled call").noneMatch(line -> line.contains("\"id\":7"));
    JsonNode approval = gateway.get("/approvals/" + approvalId, gateway.adminKey).json();
    assertThat(approval.path("approval").path("status").asText()).isEqualTo("pending");
    assertThat(statusOf("cus_005")).isEqualTo(CustomerStatus.ACTIVE);
  }

  private static CustomerStatus statusOf(String customerId) {
    return gateway.runtime.supportDesk().findCustomer(customerId).orElseThrow().status();
  }

  private static HttpRequest.Builder mcp(String key) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.base() + "/mcp")).timeout(WAIT).header("Accept", ACCEPT);
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    return builder;
  }

  private static HttpRequest.Builder initialize(String key) {
    return initialize(key, "{}");
  }

  private static HttpRequest.Builder initialize(String key, String capabilities) {
    return rpc(key, null,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
  }

  private static HttpRequest.Builder rpc(String key, String session, String body) {
    HttpRequest.Builder builder =
        mcp(key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      builder.header("Mcp-Session-Id", session);
    }
    return builder;
  }

  /** Notifications the client received, collected as they arrive. */
  private static final class Events {
    final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

    /** Waits (bounded) until {@code list} holds at least {@code count} items, then returns a copy. */
    <T> List<T> await(List<T> list, int count) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (list.size() < count && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      assertThat(list).as("notifications received").hasSizeGreaterThanOrEqualTo(count);
      return List.copyOf(list);
    }
  }
}
