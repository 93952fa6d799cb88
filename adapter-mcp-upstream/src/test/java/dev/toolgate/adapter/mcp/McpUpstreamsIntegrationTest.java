package dev.toolgate.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.UnavailableException;
import dev.toolgate.ports.tool.ClientRequests;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolContent;
import dev.toolgate.ports.tool.ToolContext;
import dev.toolgate.ports.tool.ToolInvocation;
import dev.toolgate.ports.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real upstream MCP servers (Streamable HTTP in Jetty, stdio subprocess) behind {@link McpUpstreams}. */
class McpUpstreamsIntegrationTest {
  private TestUpstreamServer.Http remote;
  private McpUpstreams upstreams;

  @BeforeEach
  void startRemote() throws Exception {
    remote = TestUpstreamServer.http();
  }

  @AfterEach
  void stop() throws Exception {
    if (upstreams != null) {
      upstreams.close();
    }
    remote.close();
  }

  private static String stdioServer(String name, String extra) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "\"" + name + "\": {\"command\": " + Json.write(Json.mapper().valueToTree(java))
        + ", \"args\": [\"-cp\", " + Json.write(Json.mapper().valueToTree(System.getProperty("java.class.path")))
        + ", \"dev.toolgate.adapter.mcp.TestUpstreamServer\"]" + extra + "}";
  }

  private McpUpstreams start(String servers) {
    McpServersConfig config = McpServersConfig.parse("{\"mcpServers\": {" + servers + "}}", System::getenv,
        SecretResolver.NONE);
    upstreams = McpUpstreams.start(config, new InMemoryAuditLog());
    return upstreams;
  }

  private Tool tool(String name) {
    return upstreams.provider().tools().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no tool " + name + " in " + upstreams.provider().tools().stream()
            .map(Tool::name).toList() + "; status " + upstreams.status()));
  }

  private static ToolResult call(Tool tool, String arguments, ToolContext context) {
    return tool.executor().execute(new ToolInvocation(Json.parse(arguments), "req-1", null, null, context));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void listsAndCallsToolsOfStdioAndHttpUpstreamsFaithfully() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\", \"cache_read_only\": true}, "
        + stdioServer("local", ""));
    await("both upstreams connected", () -> upstreams.allConnected() && upstreams.provider().tools().size() == 18);

    Tool echo = tool("remote.echo");
    assertThat(echo.definition().annotations().readOnly()).isTrue();
    assertThat(echo.definition().annotations().cacheable()).isTrue();
    assertThat(echo.definition().title()).isEqualTo("Echo");
    assertThat(echo.definition().inputSchema().path("required").get(0).asText()).isEqualTo("text");
    assertThat(echo.definition().outputSchema().path("properties").has("echo")).isTrue();
    assertThat(tool("local.echo").definition().annotations().cacheable()).isFalse();
    assertThat(tool("remote.wipe").definition().annotations().requiresApproval()).isTrue();
    assertThat(tool("remote.fail").definition().annotations().requiresApproval()).isFalse();

    for (String name : List.of("remote.echo", "local.echo")) {
      ToolResult result = call(tool(name), "{\"text\":\"hi\"}", ToolContext.NONE);
      assertThat(result.isError()).isFalse();
      assertThat(result.structured()).isEqualTo(Json.parse("{\"echo\":\"hi\"}"));
      assertThat(result.content()).hasSize(2);
      assertThat(result.content().get(0)).isEqualTo(ToolContent.text("hi"));
      assertThat(result.content().get(1)).isInstanceOfSatisfying(ToolContent.Image.class, image -> {
        assertThat(image.data()).isEqualTo(TestUpstreamServer.PNG);
        assertThat(image.mimeType()).isEqualTo("image/png");
      });
      assertThat(result.meta().path("upstream").asText()).isEqualTo("yes");
    }
    assertThat(upstreams.status()).extracting(UpstreamStatus::toolCount).containsExactly(9, 9);
  }

  @Test
  void passesTheCallsEffectKeyToTheUpstreamInTheRequestMeta() throws Exception {
    start(stdioServer("local", "") + ", \"remote\": {\"url\": \"" + remote.url() + "\"}");
    await("both upstreams connected", () -> upstreams.allConnected() && upstreams.provider().tools().size() == 18);
    String effectKey = "a".repeat(64);

    for (String name : List.of("remote.meta", "local.meta")) {
      ToolResult keyed = tool(name).executor().execute(
          new ToolInvocation(Json.object(), "req-1", null, effectKey, ToolContext.NONE));
      assertThat(keyed.text()).as(name).isEqualTo(effectKey);
      assertThat(call(tool(name), "{}", ToolContext.NONE).text()).as(name + " without a key").isEqualTo("none");
    }
  }

  @Test
  void passesAnUpstreamToolErrorThrough() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\"}");
    await("connected", () -> upstreams.allConnected());
    ToolResult result = call(tool("remote.fail"), "{}", ToolContext.NONE);
    assertThat(result.isError()).isTrue();
    assertThat(result.text()).isEqualTo("it broke");
  }

  @Test
  void anUpstreamErrorThatEchoesAConfiguredSecretIsMaskedInTheExceptionMessage() throws Exception {
    String token = "tok_secret_0123456789";
    start(stdioServer("local", ", \"env\": {\"UPSTREAM_TOKEN\": \"" + token + "\"}"));
    await("connected", () -> upstreams.allConnected());

    assertThatThrownBy(() -> call(tool("local.fail"), "{\"echo_env\":\"UPSTREAM_TOKEN\"}", ToolContext.NONE))
        .hasMessageContaining("token [redacted] was refused")
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(token))
        .message().doesNotContain(token);
  }

  @Test
  void refreshesWhenTheUpstreamChangesItsToolList() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\", \"prefix\": \"\"}");
    AtomicInteger changes = new AtomicInteger();
    upstreams.provider().onToolsChanged(changes::incrementAndGet);
    await("connected", () -> upstreams.allConnected() && !upstreams.provider().tools().isEmpty());
    int before = changes.get();

    call(tool("grow"), "{}", ToolContext.NONE);

    await("the new tool", () -> upstreams.provider().tools().stream().anyMatch(t -> t.name().equals("extra")));
    // Listeners run right after the new list is in place.
    await("the listener told", () -> changes.get() > before);
    assertThat(call(tool("extra"), "{}", ToolContext.NONE).text()).isEqualTo("extra");
  }

  @Test
  void oneUpstreamDownDoesNotBlockTheOthers() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\"}, "
        + "\"gone\": {\"url\": \"http://127.0.0.1:1/mcp\", \"initial_reconnect_delay\": 0.1, \"connection_timeout\": 2}, "
        + "\"broken\": {\"command\": \"/nonexistent/mcp-server\", \"initial_reconnect_delay\": 0.1, \"max_reconnect_attempts\": 1}");
    await("remote connected", () -> upstreams.status().get(0).connected());
    assertThat(call(tool("remote.echo"), "{\"text\":\"still here\"}", ToolContext.NONE).text()).isEqualTo("still here");

    await("the broken ones reported", () -> upstreams.status().get(1).lastError() != null
        && upstreams.status().get(2).state() == UpstreamStatus.State.FAILED);
    UpstreamStatus gone = upstreams.status().get(1);
    assertThat(gone.state()).isIn(UpstreamStatus.State.RECONNECTING, UpstreamStatus.State.CONNECTING);
    assertThat(gone.lastError()).startsWith("cannot connect to http://127.0.0.1:1/mcp: ");
    await("gone retried", () -> upstreams.status().get(1).reconnects() >= 2);
    assertThat(upstreams.status().get(2).lastError())
        .startsWith("cannot connect to /nonexistent/mcp-server: ").contains("No such file");
    assertThat(upstreams.allConnected()).isFalse();
  }

  @Test
  void aHangingCallTimesOutWithAClearError() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\", \"timeout_seconds\": 1}");
    await("connected", () -> upstreams.allConnected());
    long started = System.nanoTime();
    assertThatThrownBy(() -> call(tool("remote.slow"), "{}", ToolContext.NONE))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("upstream 'remote' did not answer 'remote.slow' within 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    // The connection survives a timed-out call.
    assertThat(call(tool("remote.echo"), "{\"text\":\"after\"}", ToolContext.NONE).text()).isEqualTo("after");
  }

  @Test
  void forwardsUpstreamProgressToTheCaller() throws Exception {
    start(stdioServer("local", ""));
    await("connected", () -> upstreams.allConnected());
    List<String> progress = new CopyOnWriteArrayList<>();
    ToolContext context = new ToolContext() {
      @Override
      public void progress(double value, Double total, String message) {
        progress.add(value + "/" + total + " " + message);
      }
    };
    ToolResult result = call(tool("local.count"), "{}", context);
    assertThat(result.text()).isEqualTo("counted");
    await("three progress reports", () -> progress.size() == 3);
    assertThat(progress).containsExactly("1.0/3.0 step 1", "2.0/3.0 step 2", "3.0/3.0 step 3");
  }

  @Test
  void exposesOnlyAllowedAndNotDeniedTools() throws Exception {
    start("\"first\": {\"url\": \"" + remote.url() + "\", \"prefix\": \"\", \"allow_tools\": [\"e*\", \"fail\"], \"deny_tools\": [\"fa?l\"]}, "
        + "\"second\": {\"url\": \"" + remote.url() + "\", \"prefix\": \"x\", \"deny_tools\": [\"*\"]}");
    await("connected", () -> upstreams.allConnected() && !upstreams.provider().tools().isEmpty());
    assertThat(upstreams.provider().tools()).extracting(Tool::name).containsExactly("echo");
    assertThat(upstreams.status().get(1).toolCount()).isZero();
  }

  @Test
  void cancelsAnUpstreamCallWhenTheCallerCancels() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\"}");
    await("connected", () -> upstreams.allConnected());
    List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    ToolContext context = new ToolContext() {
      @Override
      public void onCancel(Runnable action) {
        onCancel.add(action);
      }
    };
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      onCancel.forEach(Runnable::run);
    });
    canceller.start();
    long started = System.nanoTime();
    assertThatThrownBy(() -> call(tool("remote.slow"), "{}", context))
        .isInstanceOf(UnavailableException.class)
        .hasMessage("call to 'remote.slow' was cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    canceller.join();
  }

  @Test
  void forwardsAnUpstreamElicitationToTheCallingClient() throws Exception {
    start("\"remote\": {\"url\": \"" + remote.url() + "\"}");
    await("connected", () -> upstreams.allConnected());
    List<String> asked = new CopyOnWriteArrayList<>();
    ClientRequests client = new ClientRequests() {
      @Override
      public boolean supports(String capability) {
        return capability.equals("elicitation");
      }

      @Override
      public JsonNode request(String method, JsonNode params, Duration timeout) {
        asked.add(method + ": " + params.path("message").asText());
        return Json.parse("{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}");
      }
    };
    ToolContext withClient = new ToolContext() {
      @Override
      public Optional<ClientRequests> client() {
        return Optional.of(client);
      }
    };

    assertThat(call(tool("remote.ask"), "{}", withClient).text()).isEqualTo("ACCEPT Ada");
    assertThat(asked).containsExactly("elicitation/create: Your name?");
    // A caller that cannot answer: the upstream's request is refused, and the upstream hears why.
    assertThat(call(tool("remote.ask"), "{}", ToolContext.NONE).text())
        .startsWith("refused: ").contains("does not support elicitation");
  }

  @Test
  void anUpstreamThatCrashesMidCallFailsTheCallAndIsRestarted() throws Exception {
    start(stdioServer("local", ", \"initial_reconnect_delay\": 0.1"));
    await("connected", () -> upstreams.allConnected() && !upstreams.provider().tools().isEmpty());

    assertThatThrownBy(() -> call(tool("local.crash"), "{}", ToolContext.NONE))
        .isInstanceOf(UnavailableException.class)
        .hasMessageStartingWith("upstream 'local' failed during 'local.crash': ");

    await("reconnected", () -> upstreams.status().get(0).reconnects() >= 1 && upstreams.allConnected());
    assertThat(call(tool("local.echo"), "{\"text\":\"back\"}", ToolContext.NONE).text()).isEqualTo("back");
  }

  @Test
  void refusesAndReportsToolNamesThatCollideAcrossServers() throws Exception {
    start("\"first\": {\"url\": \"" + remote.url() + "\", \"prefix\": \"\"}, "
        + "\"second\": {\"url\": \"" + remote.url() + "\", \"prefix\": \"\", \"allow_tools\": [\"echo\"]}");
    String clash = "tool 'echo' refused: the name is already taken by server 'first'";
    await("both listed", () -> upstreams.allConnected() && upstreams.status().get(1).problems().contains(clash));

    assertThat(upstreams.provider().tools()).extracting(Tool::name).contains("echo").doesNotHaveDuplicates();
    assertThat(upstreams.status().get(0).toolCount()).isEqualTo(9);
    assertThat(upstreams.status().get(1).toolCount()).isZero();
    // Its prompt, resource and template clash too (same server, no prefix): reported after the tools.
    assertThat(upstreams.status().get(1).problems()).startsWith(clash)
        .contains("prompt 'hello' refused: the name is already taken by server 'first'");
  }
}
