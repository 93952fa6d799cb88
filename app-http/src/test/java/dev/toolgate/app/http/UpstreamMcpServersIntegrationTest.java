package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import dev.toolgate.ports.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TOOLGATE_MCP_SERVERS}: a real stdio upstream's tools called through the guarded REST face. */
class UpstreamMcpServersIntegrationTest {
  @TempDir Path workDir;

  private Path serversFile(String servers) throws IOException {
    Path file = workDir.resolve("servers.json");
    Files.writeString(file, "{\"mcpServers\": {" + servers + "}}");
    return file;
  }

  private static String echoServer() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The subprocess's stdout is its MCP channel: keep logging off it.
    return "\"up\": {\"command\": " + quote(java) + ", \"args\": [\"-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider\", "
        + "\"-cp\", " + quote(System.getProperty("java.class.path")) + ", \"dev.toolgate.app.http.EchoUpstream\"]}";
  }

  private static String quote(String text) {
    return Json.write(Json.mapper().valueToTree(text));
  }

  @Test
  void callsAnUpstreamToolThroughTheGuardedPipeline() throws Exception {
    Path file = serversFile(echoServer());
    try (TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", file.toString()))) {
      String agent = gateway.createKey("agent", "agent").secret();
      awaitTool(gateway, agent, "up.echo");

      Reply reply = gateway.post("/tools/up.echo", agent, "{\"text\":\"hi\"}");
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      assertThat(reply.json().path("result").path("echo").asText()).isEqualTo("hi");

      // The upstream's input schema is enforced at the gateway, before the upstream sees the call.
      Reply invalid = gateway.post("/tools/up.echo", agent, "{\"text\":1}");
      assertThat(invalid.status()).as(invalid.raw()).isEqualTo(400);

      // A tool the upstream annotates destructive waits for approval.
      Reply wipe = gateway.post("/tools/up.wipe", agent, "{}", "Idempotency-Key", "wipe-1");
      assertThat(wipe.status()).as(wipe.raw()).isEqualTo(202);

      JsonNode audit = gateway.get("/audit?tool=up.echo", gateway.adminKey).json().path("records");
      assertThat(audit.size()).isGreaterThanOrEqualTo(1);

      JsonNode ready = gateway.get("/readyz", null).json();
      assertThat(ready.path("upstreams").get(0).path("name").asText()).isEqualTo("up");
      assertThat(ready.path("upstreams").get(0).path("state").asText()).isEqualTo("connected");
      assertThat(ready.path("upstreams").get(0).path("tools").asInt()).isEqualTo(4);
    }
  }

  @Test
  void aBadServersFileFailsStartUpNamingEveryProblem() throws Exception {
    Path file = serversFile("\"a\": {\"url\": \"ftp://x\"}, \"b\": {}");
    Settings settings = Settings.load(
        Map.of("TOOLGATE_MCP_SERVERS", file.toString(), "TOOLGATE_DATA_DIR", workDir.resolve("data").toString()),
        workDir);
    assertThatThrownBy(() -> ToolgateRuntime.open(settings).close())
        .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
            "TOOLGATE_MCP_SERVERS (" + file + "): server 'a' field 'url': must start with http:// or https://",
            "TOOLGATE_MCP_SERVERS (" + file + "): server 'b': needs 'command' (a stdio server) or 'url' (a remote server)"));
  }

  @Test
  void theSettingNamesAnExistingFile() {
    assertThatThrownBy(() -> Settings.load(Map.of("MCP_SERVERS_CONFIG_PATH", "nope.json"), workDir))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("MCP_SERVERS_CONFIG_PATH: names a file that does not exist: 'nope.json'");
  }

  private static void awaitTool(TestGateway gateway, String key, String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> names = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      names.clear();
      gateway.get("/mcp/tools", key).json().path("tools").forEach(t -> names.add(t.path("name").asText()));
      if (names.contains(name)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no tool " + name + " after 30 s; tools: " + names + "; upstreams: "
        + gateway.runtime.upstreams());
  }
}
