package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * A real upstream MCP server over stdio, run as a subprocess by the tests: {@code echo} (read-only,
 * structured) and {@code wipe} (annotated destructive, so it needs approval at the gateway).
 */
public final class EchoUpstream {
  private EchoUpstream() {}

  public static void main(String[] args) throws InterruptedException {
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    McpServer.sync(new StdioServerTransportProvider(mapper))
        .serverInfo("echo-upstream", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("echo")
                    .description("Echoes its text")
                    .inputSchema(mapper, "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                        + "\"required\":[\"text\"],\"additionalProperties\":false}")
                    .annotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null))
                    .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                    .addTextContent("echo: " + request.arguments().get("text"))
                    .structuredContent(Map.of("echo", request.arguments().get("text")))
                    .build())
                .build(),
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("wipe")
                    .inputSchema(mapper, "{\"type\":\"object\"}")
                    .annotations(new McpSchema.ToolAnnotations(null, false, true, false, false, null))
                    .build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("wiped").build())
                .build())
        .build();
    Thread.currentThread().join();
  }
}
