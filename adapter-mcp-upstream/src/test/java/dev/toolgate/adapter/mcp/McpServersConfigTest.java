package dev.toolgate.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpServersConfigTest {
  private static final Map<String, String> ENV = Map.of("GH_TOKEN", "gh-secret-value");
  private static final SecretResolver SECRETS =
      name -> name.equals("hosted_key") ? Optional.of("hosted-secret-value") : Optional.empty();

  private static McpServersConfig parse(String json) {
    return McpServersConfig.parse(json, ENV::get, SECRETS);
  }

  @Test
  void readsThePlatformsServersFileUnchanged() {
    McpServersConfig config = parse("""
        {"mcpServers": {"demo": {"enabled": true, "command": "uv",
          "args": ["run", "python", "Servers/demo_server.py"], "cwd": "/srv/project", "env": {}}}}
        """);
    McpServerConfig demo = config.servers().get(0);
    assertThat(demo.transport()).isEqualTo(McpServerConfig.Transport.STDIO);
    assertThat(demo.args()).containsExactly("run", "python", "Servers/demo_server.py");
    assertThat(demo.cwd()).isEqualTo("/srv/project");
    assertThat(demo.prefix()).isEqualTo("demo");
    assertThat(demo.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(demo.maxReconnectAttempts()).isEqualTo(-1);
    assertThat(demo.approvalTools()).isNull();
    assertThat(demo.exposedName("echo")).isEqualTo("demo.echo");
  }

  @Test
  void readsRemoteServersWithResolvedCredentialsAndGatewaySettings() {
    McpServersConfig config = parse("""
        {"mcpServers": {
          "github": {"url": "https://api.example.com/mcp", "headers": {"Authorization": "env:GH_TOKEN"},
                     "prefix": "", "timeout_seconds": 5, "max_reconnect_attempts": 3, "connection_timeout": 2.5,
                     "initial_reconnect_delay": 0.5, "allow_tools": ["get_*"], "deny_tools": ["get_secret"],
                     "approval_tools": [], "cache_read_only": true},
          "hosted": {"url": "https://hosted.example.com/sse?key=1", "transport": "sse",
                     "headers": {"X-Api-Key": "secret:hosted_key"}},
          "off": {"command": "node", "enabled": false}}}
        """);
    McpServerConfig github = config.servers().get(0);
    assertThat(github.transport()).isEqualTo(McpServerConfig.Transport.STREAMABLE_HTTP);
    assertThat(github.headers()).containsEntry("Authorization", "gh-secret-value");
    assertThat(github.exposedName("get_issue")).isEqualTo("get_issue");
    assertThat(github.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(github.connectionTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(github.initialReconnectDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(github.maxReconnectAttempts()).isEqualTo(3);
    assertThat(github.approvalTools()).isEmpty();
    assertThat(github.cacheReadOnly()).isTrue();
    McpServerConfig hosted = config.servers().get(1);
    assertThat(hosted.transport()).isEqualTo(McpServerConfig.Transport.SSE);
    assertThat(hosted.headers()).containsEntry("X-Api-Key", "hosted-secret-value");
    assertThat(config.enabled()).extracting(McpServerConfig::name).containsExactly("github", "hosted");
    // Neither secrets nor a URL's query are shown.
    assertThat(config.toString()).doesNotContain("gh-secret-value", "hosted-secret-value", "key=1");
  }

  @Test
  void reportsEveryProblemAtOnceNamingServerAndField() {
    assertThatThrownBy(() -> parse("""
        {"mcpServers": {
          "a": {"command": "x", "url": "http://h/mcp"},
          "b": {"url": "ftp://h/mcp", "transport": "websocket", "timeout_seconds": -1},
          "c": {"command": "x", "env": {"TOKEN": "env:MISSING"}, "args": ["secret:nope"], "colour": "red"},
          "d d": {"command": "x", "prefix": "c"},
          "e": {"command": "x", "prefix": "f"},
          "f": {"command": "x"},
          "g": {"command": "x", "prefix": ""},
          "h": {"command": "x", "prefix": ""}}}
        """))
        .isInstanceOfSatisfying(McpServersConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "server 'a': give either 'command' (stdio) or 'url' (remote), not both",
            "server 'b' field 'transport': 'websocket' is not one of streamable-http, sse (or stdio with a command)",
            "server 'b' field 'timeout_seconds': must be a number of seconds > 0, got -1",
            "server 'b' field 'url': must start with http:// or https://",
            "server 'c' field 'colour': unknown field (known: " + List.of("allow_tools", "approval_tools", "args",
                "cache_read_only", "command", "connection_timeout", "cwd", "deny_tools", "description", "enabled",
                "env", "headers", "initial_reconnect_delay", "max_reconnect_attempts", "prefix", "timeout_seconds",
                "transport", "type", "url") + ")",
            "server 'c' field 'env.TOKEN': environment variable MISSING is not set",
            "server 'c' field 'args[0]': secret 'nope' is not stored",
            "server 'd d': the name must be 1-64 letters, digits, '_' or '-'",
            "server 'f' field 'prefix': 'f' is already the prefix of server 'e'"));
  }

  @Test
  void refusesAFileWithoutServers() {
    assertThatThrownBy(() -> parse("{\"servers\": {}}"))
        .hasMessageContaining("needs an object \"mcpServers\"");
    assertThatThrownBy(() -> parse("{nope"))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void matchesToolPatterns() {
    assertThat(Glob.matches("get_*", "get_issue")).isTrue();
    assertThat(Glob.matches("get_?", "get_ab")).isFalse();
    assertThat(Glob.matches("a.b", "axb")).isFalse();
  }
}
