package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.app.http.ToolgateModule;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.Approval;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolgate mcp} as a desktop client runs it: the packaged {@code target/toolgate.jar} launched
 * as a subprocess (run by failsafe after {@code package}) and driven over stdio by the official MCP
 * Java SDK client, once without a key (the local agent, approvals asked of the person at the desktop)
 * and once with {@code TOOLGATE_KEY}.
 */
class McpStdioSystemTest {
  private static final Path JAR = Path.of("target", "toolgate.jar").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path temp;
  private final List<McpSyncClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(McpSyncClient::closeGracefully);
  }

  /** A client of a freshly launched {@code toolgate mcp}, with a clean environment plus {@code env}. */
  private McpSyncClient launch(Map<String, String> env, Function<ElicitFormRequest, ElicitResult> elicitation, Events events) {
    assertThat(JAR).as("run after 'package': the shaded jar").exists();
    ServerParameters parameters =
        ServerParameters.builder(JAVA.toString())
            .args("-jar", JAR.toString(), "--data-dir", temp.resolve("data").toString(), "mcp")
            .env(env)
            .build();
    StdioClientTransport transport =
        new StdioClientTransport(parameters, new JacksonMcpJsonMapper(Json.mapper().copy())) {
          @Override
          protected ProcessBuilder getProcessBuilder() {
            // No PORT, keys or .env from the developer's shell: only what the test passes.
            ProcessBuilder builder = new ProcessBuilder();
            builder.environment().clear();
            builder.directory(temp.toFile());
            return builder;
          }
        };
    transport.setStdErrorHandler(events.stderr::add);
    McpClient.SyncSpec spec =
        McpClient.sync(transport)
            .requestTimeout(WAIT)
            .initializationTimeout(WAIT)
            .progressConsumer(events.progress::add);
    if (elicitation != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
    }
    McpSyncClient client = spec.build();
    clients.add(client);
    client.initialize();
    return client;
  }

  private static CallToolResult call(McpSyncClient client, String tool, String arguments) {
    @SuppressWarnings("unchecked")
    Map<String, Object> args = Json.mapper().convertValue(Json.parse(arguments), Map.class);
    return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
  }

  private static JsonNode structured(CallToolResult result) {
    return Json.mapper().valueToTree(result.structuredContent());
  }

  private static String errorCode(CallToolResult result) {
    assertThat(result.isError()).as(String.valueOf(result)).isTrue();
    return structured(result).path("error").path("code").asText();
  }

  @Test
  void theCompactCatalogueSettingAppliesToStdioToo() {
    McpSyncClient client = launch(Map.of("TOOLGATE_MCP_CATALOG", "compact"), null, new Events());

    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .containsExactly("call_tool", "describe_tool", "search_tools");
    CallToolResult created =
        call(client, "call_tool",
            "{\"name\":\"create_ticket\",\"arguments\":{\"customer_id\":\"cus_004\",\"subject\":\"Compact\"},"
                + "\"idempotency_key\":\"stdio-compact-1\"}");
    assertThat(created.isError()).as(String.valueOf(created)).isFalse();
    assertThat(structured(created).path("ticket").path("id").asText()).isNotBlank();
  }

  @Test
  void withoutAKeyTheLocalAgentCallsToolsAndThePersonAtTheDesktopApprovesInline() {
    List<ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
    List<ElicitResult> answers =
        new ArrayList<>(
            List.of(
                new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "approve", "reason", "fine")),
                new ElicitResult(ElicitResult.Action.DECLINE, null)));
    Events events = new Events();
    McpSyncClient client =
        launch(
            Map.of(),
            request -> {
              asked.add(request);
              return answers.remove(0);
            },
            events);

    assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .contains("create_ticket", "get_incident_impact", "search_customer", "send_message", "update_customer_status");

    CallToolResult found =
        client.callTool(
            CallToolRequest.builder("search_customer")
                .arguments(Map.of("query", "Northwind"))
                .progressToken("stdio-1")
                .build());
    assertThat(found.isError()).isFalse();
    assertThat(structured(found).path("customers").path(0).path("id").asText()).isEqualTo("cus_004");
    assertThat(events.await(events.progress, 2)).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("stdio-1"));

    String ticket = "{\"customer_id\":\"cus_004\",\"subject\":\"Slow exports\",\"idempotency_key\":\"stdio-t1\"}";
    CallToolResult first = call(client, "create_ticket", ticket);
    CallToolResult replay = call(client, "create_ticket", ticket);
    assertThat(structured(replay).path("ticket").path("id").asText())
        .isEqualTo(structured(first).path("ticket").path("id").asText());
    assertThat(replay.meta()).containsEntry("dev.toolgate/idempotent_replay", true);
    assertThat(errorCode(call(client, "create_ticket", "{\"customer_id\":\"cus_004\",\"subject\":\"Other\",\"idempotency_key\":\"stdio-t1\"}")))
        .isEqualTo("idempotency_key_reused");
    assertThat(errorCode(call(client, "search_customer", "{}"))).isEqualTo("invalid_arguments");
    assertThatThrownBy(() -> call(client, "no_such_tool", "{}")).isInstanceOf(McpError.class);

    CallToolResult approved = call(client, "update_customer_status", "{\"customer_id\":\"cus_004\",\"status\":\"active\"}");
    assertThat(approved.isError()).as(String.valueOf(approved)).isFalse();
    assertThat(structured(approved).path("previous_status").asText()).isEqualTo("at_risk");
    CallToolResult declined = call(client, "update_customer_status", "{\"customer_id\":\"cus_001\",\"status\":\"churned\"}");
    assertThat(errorCode(declined)).isEqualTo("approval_rejected");
    assertThat(asked).hasSize(2).allSatisfy(q -> assertThat(q.message()).contains("local-mcp"));

    assertThat(events.stderr).noneMatch(line -> line.contains("\"jsonrpc\""));
  }

  @Test
  void withAKeyItActsAsExactlyThatKey() {
    CliHarness cli = new CliHarness(temp);
    String key = cli.createKey("stdio-agent", "--role", "agent", "--deny-tool", "send_message");
    McpSyncClient client =
        launch(Map.of("TOOLGATE_KEY", key), request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("decision", "approve")), new Events());

    assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
        .contains("search_customer", "update_customer_status")
        .doesNotContain("send_message");
    assertThat(errorCode(call(client, "send_message", "{\"channel\":\"#support\",\"text\":\"hi\"}"))).isEqualTo("tool_not_allowed");
    CallToolResult pending = call(client, "update_customer_status", "{\"customer_id\":\"cus_002\",\"status\":\"at_risk\"}");
    assertThat(errorCode(pending)).as("an agent key is not asked to approve its own call").isEqualTo("approval_required");
  }

  @Test
  void whileItRunsItPurgesExpiredStateOnTheMaintenanceInterval() throws Exception {
    SqliteConfig file = new SqliteConfig(temp.resolve("data").resolve(ToolgateModule.DATABASE_FILE));
    // Never decided, expired three days ago: past the 24 h retention. Written to the file directly.
    Instant longAgo = Instant.now().minus(Duration.ofDays(3));
    var arguments = Json.parse("{\"customer_id\":\"cus_002\",\"status\":\"at_risk\"}");
    try (SqliteStores stores = SqliteStores.open(file)) {
      stores.approvals().create(
          Approval.pending(
              "apr_stale", "key_a", null, "update_customer_status", arguments, Json.fingerprint(arguments), "pv",
              null, "req", longAgo, longAgo.plusSeconds(600)));
    }

    launch(Map.of("TOOLGATE_MAINTENANCE_INTERVAL_SECONDS", "1"), null, new Events());

    try (SqliteStores stores = SqliteStores.open(file)) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (stores.approvals().find("apr_stale").isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(stores.approvals().find("apr_stale")).as("purged by the running mcp process").isEmpty();
    }
  }

  @Test
  void anUnknownKeyStopsItWithAClearMessageAndNothingOnStdout() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "--data-dir", temp.resolve("data").toString(), "mcp")
            .directory(temp.toFile())
            .redirectOutput(temp.resolve("out.txt").toFile())
            .redirectError(temp.resolve("err.txt").toFile());
    builder.environment().clear();
    builder.environment().put("TOOLGATE_KEY", "tg_unknown_key");
    Process process = builder.start();

    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(ExitCodes.FORBIDDEN);
    assertThat(Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8)).contains("unknown or revoked");
    assertThat(Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void requestsPipedInBeforeEndOfInputAreAllAnswered() throws Exception {
    // As in: printf '<initialize>\n<initialized>\n<tools/list>\n' | toolgate mcp
    String input =
        String.join(
            "\n",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"printf\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
            + "\n";
    ProcessBuilder builder =
        new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "--data-dir", temp.resolve("data").toString(), "mcp")
            .directory(temp.toFile())
            .redirectError(temp.resolve("piped.err").toFile());
    builder.environment().clear();
    Process process = builder.start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exits once the answers are out").isTrue();
    assertThat(process.exitValue()).isZero();
    List<JsonNode> answers = output.lines().map(Json::parse).toList();
    assertThat(answers).extracting(answer -> answer.path("id").asInt()).containsExactly(1, 2);
    assertThat(answers.get(1).path("result").path("tools").size()).as(output).isPositive();
  }

  /** What the client saw besides answers, collected as it arrives. */
  private static final class Events {
    final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();

    <T> List<T> await(List<T> list, int count) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (list.size() < count && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      assertThat(list).hasSizeGreaterThanOrEqualTo(count);
      return List.copyOf(list);
    }
  }
}
