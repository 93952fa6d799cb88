package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.app.http.TestGateway.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void callsAnUpstreamToolThroughTheGuardedPipeline() throws Exception {
    Path file = serversFile(UpstreamProcesses.echo("up", ""));
    try (TestGateway gateway = TestGateway.start(workDir, Map.of("TOOLGATE_MCP_SERVERS", file.toString()))) {
      String agent = gateway.createKey("agent", "agent").secret();
      UpstreamAwait.tool(gateway, agent, "up.echo");

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
}
