package dev.toolgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsCommandIntegrationTest {
  @TempDir Path temp;

  @Test
  void reportsAnUpstreamThatCannotBeReachedAndExitsOne() throws IOException {
    Path servers = temp.resolve("servers.json");
    Files.writeString(servers, """
        {"mcpServers": {"gone": {"url": "http://127.0.0.1:1/mcp", "headers": {"Authorization": "Bearer s3cret-token"},
                                 "initial_reconnect_delay": 0.2, "max_reconnect_attempts": 0}}}
        """);
    CliHarness cli = new CliHarness(temp).env("TOOLGATE_MCP_SERVERS", servers.toString());

    CliHarness.Result result = cli.run("upstreams", "--wait", "5");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    JsonNode gone = result.json().path("upstreams").get(0);
    assertThat(gone.path("name").asText()).isEqualTo("gone");
    assertThat(gone.path("transport").asText()).isEqualTo("streamable-http");
    assertThat(gone.path("state").asText()).isEqualTo("failed");
    assertThat(gone.path("last_error").asText()).startsWith("cannot connect to http://127.0.0.1:1/mcp: ");
    assertThat(result.toString()).doesNotContain("s3cret-token");

    CliHarness.Result table = cli.run("--output", "table", "upstreams", "--wait", "5");
    assertThat(table.out()).contains("NAME", "LAST ERROR", "gone", "failed");
  }

  @Test
  void withoutServersListsNoneAndSaysHowToAddThem() {
    CliHarness.Result result = new CliHarness(temp).run("upstreams");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.json().path("total").asInt()).isZero();
    assertThat(result.err()).contains("TOOLGATE_MCP_SERVERS");
  }
}
