package dev.toolgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.testing.ChangingToolProvider;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolProvider;
import dev.toolgate.ports.tool.ToolResult;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool provider adds and removes a tool while the server runs: a connected MCP client (the
 * official SDK) is told {@code notifications/tools/list_changed}, lists again and sees the change, and
 * the change is in the audit chain.
 */
class McpToolListChangesIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path workDir;
  private final ChangingToolProvider upstream = new ChangingToolProvider("changing");
  private TestGateway gateway;
  private McpSyncClient client;
  private final BlockingQueue<List<String>> announced = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    upstream.put(tool("first_tool"));
    gateway =
        TestGateway.start(
            workDir,
            Map.of(),
            new AbstractModule() {
              @Override
              protected void configure() {
                Multibinder.newSetBinder(binder(), ToolProvider.class).addBinding().toInstance(upstream);
              }
            });
    String agent = gateway.createKey("list-watcher", "agent").secret();
    client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(gateway.base())
                    .endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + agent))
                    .build())
            .requestTimeout(WAIT)
            .toolsChangeConsumer(tools -> announced.add(tools.stream().map(McpSchema.Tool::name).toList()))
            .build();
    McpSchema.InitializeResult init = client.initialize();
    assertThat(init.capabilities().tools().listChanged()).isTrue();
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    gateway.close();
  }

  @Test
  void anAddedToolIsAnnouncedAndCallableAndARemovedOneIsGone() throws Exception {
    assertThat(names(client.listTools())).contains("first_tool").doesNotContain("added_later");

    upstream.put(tool("added_later"));
    upstream.changed();

    assertThat(announced.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("list_changed reached the client")
        .contains("first_tool", "added_later");
    McpSchema.CallToolResult result =
        client.callTool(McpSchema.CallToolRequest.builder("added_later").arguments(Map.of()).build());
    assertThat(result.isError()).isFalse();

    upstream.remove("added_later");
    upstream.changed();

    assertThat(announced.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).contains("first_tool").doesNotContain("added_later");
    assertThatThrownBy(() -> client.callTool(McpSchema.CallToolRequest.builder("added_later").arguments(Map.of()).build()))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Unknown tool");
    TestGateway.Reply audit = gateway.get("/audit?outcome=tools_changed", gateway.adminKey);
    assertThat(audit.json().path("records")).hasSize(2);
  }

  private static List<String> names(McpSchema.ListToolsResult result) {
    return result.tools().stream().map(McpSchema.Tool::name).toList();
  }

  private static Tool tool(String name) {
    return new Tool(
        new ToolDefinition(
            name, name, "A tool that comes and goes.", ToolCategory.READ, Json.parse("{\"type\":\"object\"}"),
            Json.parse("{\"type\":\"object\"}"), ToolAnnotations.read().withCacheable(false)),
        invocation -> ToolResult.of(Json.object().put("tool", name)));
  }
}
