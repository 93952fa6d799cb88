package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams that misbehave ({@link MisbehavingUpstream} over stdio: crashes, hangs, garbage and malformed
 * JSON-RPC on stdout, notification floods, a tool list that changes across restarts; {@link RawHttpUpstream}:
 * HTML error pages and broken JSON over HTTP) next to a
 * well-behaved one ({@link EchoUpstream}), behind a real gateway: the caller always gets an answer
 * (a result or a clear error), the gateway stays up, and the other upstream keeps working.
 */
class MisbehavingUpstreamsIntegrationTest {
  @TempDir Path workDir;
  private TestGateway gateway;
  private String agent;
  private Path state;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private void start(String badExtra, Map<String, String> env) throws Exception {
    state = workDir.resolve("bad-state");
    Path servers = workDir.resolve("servers.json");
    Files.writeString(servers, "{\"mcpServers\": {"
        + UpstreamProcesses.misbehaving("bad", state, ", \"initial_reconnect_delay\": 0.1, \"connection_timeout\": 60"
            + badExtra) + ", "
        + UpstreamProcesses.echo("good", "") + "}}");
    Map<String, String> all = new HashMap<>(env);
    all.put("TOOLGATE_MCP_SERVERS", servers.toString());
    gateway = TestGateway.start(workDir, all);
    agent = gateway.createKey("agent", "agent").secret();
    UpstreamAwait.tool(gateway, agent, "bad.ok");
    UpstreamAwait.tool(gateway, agent, "good.echo");
  }

  /** How many times the misbehaving upstream's process has started (its gen tool's number). */
  private int generation() throws java.io.IOException {
    return Files.readAllLines(state.resolve("starts")).size();
  }

  private Reply call(String tool, String body) {
    return gateway.post("/tools/" + tool, agent, body);
  }

  private void assertStillServing() {
    Reply echo = call("good.echo", "{\"text\":\"still here\"}");
    assertThat(echo.status()).as(echo.raw()).isEqualTo(200);
    assertThat(echo.json().path("result").path("echo").asText()).isEqualTo("still here");
    assertThat(gateway.get("/healthz", null).status()).isEqualTo(200);
  }

  /** Calls {@code tool} until it answers 200 (an upstream reconnecting), for at most 30 s. */
  private Reply awaitOk(String tool) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Reply reply = call(tool, "{}");
    while (reply.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      reply = call(tool, "{}");
    }
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return reply;
  }

  private static Duration timed(Runnable action) {
    long started = System.nanoTime();
    action.run();
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private List<String> toolNames() {
    List<String> names = new ArrayList<>();
    gateway.get("/mcp/tools", agent).json().path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  @Test
  void aCrashMidCallIsARetryableErrorAndTheRestartedUpstreamServesItsNewToolList() throws Exception {
    start("", Map.of());
    int first = generation();
    assertThat(call("bad.ok", "{}").json().path("result").asText()).isEqualTo("ok " + first);

    Reply crash = call("bad.crash", "{}");
    assertThat(crash.status()).as(crash.raw()).isEqualTo(503);
    assertThat(crash.errorCode()).isEqualTo("upstream_unavailable");
    assertThat(crash.json().path("error").path("message").asText()).contains("upstream 'bad'");
    assertThat(crash.json().path("error").path("details").path("retryable").asBoolean()).as(crash.raw()).isTrue();
    assertStillServing();

    // The process is started again; its next life offers gen<N+1> instead of gen<N>.
    String next = "bad.gen" + (first + 1);
    UpstreamAwait.tool(gateway, agent, next);
    assertThat(toolNames()).contains(next, "good.echo").doesNotContain("bad.gen" + first);
    assertThat(awaitOk("bad.ok").json().path("result").asText()).isEqualTo("ok " + (first + 1));
    Reply gone = call("bad.gen" + first, "{}");
    assertThat(gone.status()).as(gone.raw()).isEqualTo(404);
    assertThat(gateway.get("/readyz", null).json().path("upstreams").get(0).path("reconnects").asInt())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aHangingCallIsAnsweredByTheExecutionTimeoutWhileOthersKeepWorking() throws Exception {
    start(", \"timeout_seconds\": 120", Map.of("TOOLGATE_EXECUTION_TIMEOUT_SECONDS", "10"));
    CompletableFuture<Reply> hanging =
        gateway.sendAsync(TestGateway.post(gateway.request("/tools/bad.hang", agent), "{}"));

    // While it hangs, the same upstream and the other one answer: nothing waits behind it.
    Thread.sleep(300);
    assertStillServing();
    assertThat(call("bad.ok", "{}").status()).isEqualTo(200);
    assertThat(hanging).as("the hanging call, still in flight while the others answered").isNotDone();

    Reply timedOut = hanging.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(timedOut.status()).as(timedOut.raw()).isEqualTo(504);
    assertThat(timedOut.errorCode()).isEqualTo("timeout");
    assertThat(call("bad.ok", "{}").status()).isEqualTo(200);
  }

  @Test
  void garbageOnStdoutIsIgnoredAndTheCallIsAnswered() throws Exception {
    start(", \"timeout_seconds\": 20", Map.of());
    Reply[] garbage = new Reply[1];
    assertThat(timed(() -> garbage[0] = call("bad.garbage", "{}"))).isLessThan(Duration.ofSeconds(25));
    // Lines that are not JSON-RPC are skipped; the real answer after them gets through.
    assertThat(garbage[0].status()).as(garbage[0].raw()).isEqualTo(200);
    assertThat(garbage[0].json().path("result").asText()).isEqualTo("garbage " + generation());
    assertThat(call("bad.ok", "{}").status()).isEqualTo(200);
    assertStillServing();
  }

  @Test
  void aMalformedResultIsAClearErrorNamingTheUpstream() throws Exception {
    start(", \"timeout_seconds\": 20", Map.of());
    Reply malformed = call("bad.malformed", "{}");
    assertThat(malformed.status()).as(malformed.raw()).isIn(502, 503);
    assertThat(malformed.errorCode()).startsWith("upstream_");
    assertThat(malformed.json().path("error").path("message").asText()).contains("'bad'");
    assertThat(awaitOk("bad.ok").status()).isEqualTo(200);
    assertStillServing();
  }

  @Test
  void aFloodOfNotificationsLeavesTheGatewayResponsive() throws Exception {
    start("", Map.of());
    CompletableFuture<Reply> rest =
        gateway.sendAsync(TestGateway.post(gateway.request("/tools/bad.flood", agent), "{}"));
    AtomicInteger progress = new AtomicInteger();
    AtomicInteger logs = new AtomicInteger();
    McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.base())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + agent))
            .build())
        .requestTimeout(Duration.ofSeconds(60))
        .progressConsumer(p -> progress.incrementAndGet())
        .loggingConsumer(l -> logs.incrementAndGet())
        .build();
    // The blocking callTool runs on a thread of its own, never on the common pool: the SDK client's
    // HttpClient runs its response callbacks on the common pool, and on JDK 25 supplyAsync uses that
    // pool even when its parallelism is 1 (two CPUs), where JDK 17 started a new thread. A call blocked
    // on the pool's only worker then starves the callback that reads its own answer (docs/jdk25.md).
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      client.initialize();
      CompletableFuture<CallToolResult> mcp = CompletableFuture.supplyAsync(() -> client.callTool(
          CallToolRequest.builder("bad.flood").arguments(Map.of()).progressToken("flood-1").build()), caller);
      // During both floods the gateway answers others (bounds are loose: CI machines are shared).
      for (int i = 0; i < 5; i++) {
        assertThat(timed(this::assertStillServing)).isLessThan(Duration.ofSeconds(10));
      }
      Reply restReply = rest.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(restReply.status()).as(restReply.raw()).isEqualTo(200);
      CallToolResult result = mcp.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("flood " + generation());
      // Forwarded, but never more than the upstream sent (plus the gateway's own two steps).
      assertThat(progress.get()).isPositive().isLessThanOrEqualTo(MisbehavingUpstream.FLOOD + 2);
      assertThat(logs.get()).isLessThanOrEqualTo(2 * MisbehavingUpstream.FLOOD + 10);
    } finally {
      client.closeGracefully();
      caller.shutdownNow();
    }
    JsonNode ready = gateway.get("/readyz", null).json().path("upstreams");
    assertThat(ready.get(0).path("state").asText()).isEqualTo("connected");
    assertThat(ready.get(0).path("reconnects").asInt()).isZero();
  }

  @Test
  void anMcpClientThatStopsReadingDoesNotHoldUpTheUpstreamForOthers() throws Exception {
    start("", Map.of());
    Reply init = gateway.send(TestGateway.post(gateway.request("/mcp", agent),
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"stalled\",\"version\":\"1\"}}}",
        "Accept", "application/json, text/event-stream"));
    assertThat(init.status()).as(init.raw()).isEqualTo(200);
    String session = init.header("Mcp-Session-Id");
    Reply initialized = gateway.send(TestGateway.post(gateway.request("/mcp", agent),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "Accept", "application/json, text/event-stream", "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18"));
    assertThat(initialized.status()).as(initialized.raw()).isEqualTo(202);

    // The flood's ~10 MB of notifications go to a client that sends its call and then never reads:
    // its socket's buffers fill after the first few hundred kilobytes.
    String toolsCall = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"bad.flood\","
        + "\"arguments\":{\"pad\":1000},\"_meta\":{\"progressToken\":\"stalled-1\"}}}";
    byte[] body = toolsCall.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    URI base = URI.create(gateway.base());
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      OutputStream out = stalled.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Authorization: Bearer " + agent + "\r\n"
          + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
          + "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-06-18\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      Thread.sleep(2_000);
      // The same upstream answers others while that client reads nothing (before relaying off the
      // upstream's reader thread, these waited until the stalled connection timed out).
      for (int i = 0; i < 3; i++) {
        assertThat(timed(() -> assertThat(call("bad.ok", "{}").status()).isEqualTo(200)))
            .as("bad.ok while an MCP client stalls").isLessThan(Duration.ofSeconds(5));
      }
      assertStillServing();
    }
    JsonNode ready = gateway.get("/readyz", null).json().path("upstreams");
    assertThat(ready.get(0).path("state").asText()).isEqualTo("connected");
  }

  @Test
  void anHttpUpstreamThatAnswersWithAnHtmlPageOrBrokenJsonIsAClearError() throws Exception {
    try (RawHttpUpstream raw = new RawHttpUpstream()) {
      Path servers = workDir.resolve("servers.json");
      Files.writeString(servers, "{\"mcpServers\": {\"web\": {\"url\": \"" + raw.url()
          + "\", \"timeout_seconds\": 20, \"initial_reconnect_delay\": 0.1}, " + UpstreamProcesses.echo("good", "") + "}}");
      gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", servers.toString()));
      agent = gateway.createKey("agent", "agent").secret();
      UpstreamAwait.tool(gateway, agent, "web.ok");
      UpstreamAwait.tool(gateway, agent, "good.echo");

      for (String tool : List.of("web.html", "web.notjson")) {
        Reply[] reply = new Reply[1];
        assertThat(timed(() -> reply[0] = call(tool, "{}"))).as(tool).isLessThan(Duration.ofSeconds(25));
        assertThat(reply[0].status()).as(reply[0].raw()).isEqualTo(503);
        assertThat(reply[0].errorCode()).isEqualTo("upstream_unavailable");
        assertThat(reply[0].json().path("error").path("message").asText()).as(reply[0].raw()).contains("upstream 'web'")
            .hasSizeLessThan(500);
        assertStillServing();
        assertThat(awaitOk("web.ok").json().path("result").asText()).isEqualTo("ok");
      }
    }
  }
}
