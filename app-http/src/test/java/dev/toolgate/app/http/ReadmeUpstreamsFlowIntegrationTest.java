package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Upstream MCP servers" flow, literally: its {@code servers.json} is read from the
 * README (only the install directory and the HTTP server's port are this machine's), the HTTP
 * upstream is started as the README starts it, the gateway gets the file through
 * {@code TOOLGATE_MCP_SERVERS}, and the README's REST calls (with {@code X-API-Key}) and an MCP
 * client's calls go through, guarded and audited.
 */
class ReadmeUpstreamsFlowIntegrationTest {
  private static final String README_COMMAND = "mcp/node_modules/.bin/mcp-server-everything";

  @TempDir Path workDir;

  /** The JSON block that follows the line {@code `servers.json`:} in the README. */
  static String serversFileFromReadme() throws IOException {
    Path readme = Files.isRegularFile(Path.of("../README.md")) ? Path.of("../README.md") : Path.of("README.md");
    String text = Files.readString(readme);
    int section = text.indexOf("## Upstream MCP servers");
    int label = text.indexOf("`servers.json`:", section);
    int open = text.indexOf("```json\n", label) + "```json\n".length();
    return text.substring(open, text.indexOf("```", open));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("the HTTP upstream process").isTrue();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the HTTP upstream did not listen on " + port + " within 30 s");
  }

  private Reply rest(TestGateway gateway, String agent, String tool, String body) {
    return gateway.send(TestGateway.post(gateway.request("/tools/" + tool, null).header("X-API-Key", agent), body));
  }

  @Test
  void twoUpstreamsFromTheReadmeAreCalledOverRestAndMcpGuardedAndAudited() throws Exception {
    Path script = EverythingServer.require();
    Path bin = script.getParent().getParent().getParent().getParent().resolve(".bin/mcp-server-everything");
    int port = freePort();

    // PORT=3001 mcp/node_modules/.bin/mcp-server-everything streamableHttp &
    ProcessBuilder http = new ProcessBuilder(bin.toString(), "streamableHttp")
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("http-upstream.log").toFile());
    http.environment().put("PORT", String.valueOf(port));
    Process remote = http.start();
    try {
      awaitListening(port, remote);
      String servers = serversFileFromReadme()
          .replace(README_COMMAND, bin.toString())
          .replace("127.0.0.1:3001", "127.0.0.1:" + port);
      JsonNode parsed = Json.parse(servers);
      assertThat(parsed.path("mcpServers").path("local").path("command").asText()).isEqualTo(bin.toString());
      Path file = workDir.resolve("servers.json");
      Files.writeString(file, servers);

      try (TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", file.toString()))) {
        String agent = gateway.createKey("my-agent", "agent").secret();
        UpstreamAwait.tool(gateway, agent, "local.echo");
        UpstreamAwait.tool(gateway, agent, "remote.get-sum");

        // A connection reports "connected" once its whole listing is in (tools first, then prompts and
        // resources), so /readyz may trail the tools by a moment.
        List<String> states = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
          states.clear();
          gateway.get("/readyz", null).json().path("upstreams")
              .forEach(u -> states.add(u.path("name").asText() + " " + u.path("state").asText()));
          if (states.equals(List.of("local connected", "remote connected"))) {
            break;
          }
          Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(states).containsExactly("local connected", "remote connected");

        Reply echo = rest(gateway, agent, "local.echo", "{\"message\":\"hi\"}");
        assertThat(echo.status()).as(echo.raw()).isEqualTo(200);
        assertThat(echo.json().path("result").asText()).isEqualTo("Echo: hi");
        Reply sum = rest(gateway, agent, "remote.get-sum", "{\"a\":2,\"b\":3}");
        assertThat(sum.status()).as(sum.raw()).isEqualTo(200);
        assertThat(sum.json().path("result").asText()).isEqualTo("The sum of 2 and 3 is 5.");
        Reply invalid = rest(gateway, agent, "remote.get-sum", "{\"a\":\"two\",\"b\":3}");
        assertThat(invalid.status()).as(invalid.raw()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("invalid_arguments");
        Reply denied = rest(gateway, agent, "remote.get-env", "{}");
        assertThat(denied.status()).as(denied.raw()).isEqualTo(404);

        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(gateway.base())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + agent))
                .build())
            .requestTimeout(Duration.ofSeconds(30))
            .build();
        try {
          client.initialize();
          List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
          assertThat(names).contains("local.echo", "remote.get-sum", "remote.echo", "local.get-env")
              .doesNotContain("remote.get-env");
          McpSchema.CallToolResult viaMcp = client.callTool(
              CallToolRequest.builder("remote.get-sum").arguments(Map.of("a", 2, "b", 3)).build());
          assertThat(((McpSchema.TextContent) viaMcp.content().get(0)).text()).isEqualTo("The sum of 2 and 3 is 5.");
          McpSchema.CallToolResult localViaMcp = client.callTool(
              CallToolRequest.builder("local.echo").arguments(Map.of("message", "from MCP")).build());
          assertThat(((McpSchema.TextContent) localViaMcp.content().get(0)).text()).isEqualTo("Echo: from MCP");
        } finally {
          client.closeGracefully();
        }

        // curl -s -H "Authorization: Bearer $ADMIN" "$URL/audit?tool=remote.get-sum" | jq '.records | length'
        JsonNode audit = gateway.get("/audit?tool=remote.get-sum", gateway.adminKey).json().path("records");
        assertThat(audit.size()).as(audit.toString()).isEqualTo(3);
        assertThat(gateway.get("/audit?tool=local.echo", gateway.adminKey).json().path("records").size()).isEqualTo(2);
      }
    } finally {
      remote.destroy();
      remote.waitFor();
    }
  }
}
