package dev.toolgate.adapter.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real upstream MCP server written with the SDK, for the tests: over Streamable HTTP in an
 * embedded Jetty ({@link #http}) or over stdio as a subprocess ({@link #main}). Its tools: {@code echo}
 * (read-only; text, image and structured content), {@code fail} (isError), {@code slow} (hangs),
 * {@code count} (three progress notifications), {@code grow} (adds the tool {@code extra} and
 * announces {@code tools/list_changed}), {@code ask} (asks the client for an elicitation),
 * {@code crash} (the process dies mid-call), {@code wipe} (annotated destructive), {@code meta} (answers
 * the idempotency key it received in {@code _meta}). {@code fail} with
 * {@code {"echo_env": NAME}} answers a JSON-RPC error that quotes that environment variable. Besides
 * tools: the prompt {@code hello} (argument {@code who}), the resource {@code test://readme} and the
 * template {@code test://items/{id}}.
 */
final class TestUpstreamServer {
  static final JacksonMcpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());
  static final String PNG = "iVBORw0KGgo=";

  private TestUpstreamServer() {}

  /** Runs the server over stdio until stdin closes. */
  public static void main(String[] args) throws InterruptedException {
    build(McpServer.sync(new StdioServerTransportProvider(MAPPER)));
    Thread.currentThread().join();
  }

  /** A running Streamable HTTP server on loopback; close it to stop. */
  static final class Http implements AutoCloseable {
    final Server jetty;
    final McpSyncServer mcp;

    Http(Server jetty, McpSyncServer mcp) {
      this.jetty = jetty;
      this.mcp = mcp;
    }

    String url() {
      return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/mcp";
    }

    @Override
    public void close() throws Exception {
      mcp.close();
      jetty.stop();
    }
  }

  static Http http() throws Exception {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder().jsonMapper(MAPPER).mcpEndpoint("/mcp").build();
    McpSyncServer mcp = build(McpServer.sync(transport));
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(transport);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    return new Http(jetty, mcp);
  }

  static McpSyncServer build(McpServer.SyncSpecification<?> spec) {
    McpSyncServer[] self = new McpSyncServer[1];
    McpSyncServer server = spec
        .serverInfo("test-upstream", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).prompts(true).resources(true, true).logging().build())
        .prompts(prompt("hello"))
        .resources(new McpServerFeatures.SyncResourceSpecification(
            McpSchema.Resource.builder("test://readme", "readme").mimeType("text/plain").build(),
            (exchange, request) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain", "read me")))))
        .resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder("test://items/{id}", "items").build(),
            (exchange, request) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(request.uri(), "text/plain", "item " + request.uri())))))
        .tools(
            tool(McpSchema.Tool.builder("echo")
                    .description("Echoes its text")
                    .inputSchema(MAPPER, "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
                    .outputSchema(MAPPER, "{\"type\":\"object\",\"properties\":{\"echo\":{\"type\":\"string\"}}}")
                    .annotations(new McpSchema.ToolAnnotations("Echo", true, false, true, false, null))
                    .build(),
                (exchange, request) -> McpSchema.CallToolResult.builder()
                    .content(List.of(
                        new McpSchema.TextContent(String.valueOf(request.arguments().get("text"))),
                        new McpSchema.ImageContent(null, PNG, "image/png")))
                    .structuredContent(Map.of("echo", request.arguments().get("text")))
                    .meta(Map.of("upstream", "yes"))
                    .build()),
            tool(simple("fail"), (exchange, request) -> {
              // With {"echo_env": NAME}: a JSON-RPC error quoting that environment value, as a careless upstream might.
              Object name = request.arguments() == null ? null : request.arguments().get("echo_env");
              if (name != null) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("token " + System.getenv(String.valueOf(name)) + " was refused")
                    .build();
              }
              return McpSchema.CallToolResult.builder().addTextContent("it broke").isError(true).build();
            }),
            // Answers the idempotency key the gateway passed in the request's _meta ("none" without one).
            tool(simple("meta"), (exchange, request) -> McpSchema.CallToolResult.builder()
                .addTextContent(String.valueOf(request.meta() == null
                    ? "none" : request.meta().getOrDefault("dev.toolgate/idempotency_key", "none")))
                .build()),
            tool(simple("slow"), (exchange, request) -> {
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return McpSchema.CallToolResult.builder().addTextContent("late").build();
            }),
            tool(simple("count"), (exchange, request) -> {
              Object token = request.meta() == null ? null : request.meta().get("progressToken");
              for (int i = 1; i <= 3; i++) {
                if (token != null) {
                  exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) i, 3.0, "step " + i, null));
                }
              }
              return McpSchema.CallToolResult.builder().addTextContent("counted").build();
            }),
            tool(simple("grow"), (exchange, request) -> {
              self[0].addTool(tool(simple("extra"), (e, r) -> McpSchema.CallToolResult.builder().addTextContent("extra").build()));
              self[0].notifyToolsListChanged();
              return McpSchema.CallToolResult.builder().addTextContent("grown").build();
            }),
            tool(simple("ask"), (exchange, request) -> {
              try {
                McpSchema.ElicitResult answer = exchange.createElicitation(new McpSchema.ElicitFormRequest(
                    "Your name?",
                    Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))),
                    null));
                return McpSchema.CallToolResult.builder()
                    .addTextContent(answer.action() + " " + answer.content().get("name"))
                    .build();
              } catch (RuntimeException e) {
                return McpSchema.CallToolResult.builder().addTextContent("refused: " + e.getMessage()).build();
              }
            }),
            tool(simple("crash"), (exchange, request) -> {
              // Over stdio: the process dies mid-call, as a crashing upstream would.
              Runtime.getRuntime().halt(3);
              return null;
            }),
            tool(McpSchema.Tool.builder("wipe")
                    .inputSchema(MAPPER, "{\"type\":\"object\"}")
                    .annotations(new McpSchema.ToolAnnotations(null, false, true, false, false, null))
                    .build(),
                (exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("wiped").build()))
        .build();
    self[0] = server;
    return server;
  }

  /** A prompt {@code name} with the argument {@code who}: "{name}, {who}". */
  static McpServerFeatures.SyncPromptSpecification prompt(String name) {
    return new McpServerFeatures.SyncPromptSpecification(
        McpSchema.Prompt.builder(name)
            .arguments(List.of(McpSchema.PromptArgument.builder("who").required(true).build()))
            .build(),
        (exchange, request) -> new McpSchema.GetPromptResult(null, List.of(new McpSchema.PromptMessage(
            McpSchema.Role.USER, new McpSchema.TextContent(name + ", " + request.arguments().get("who"))))));
  }

  private static McpSchema.Tool simple(String name) {
    return McpSchema.Tool.builder(name).inputSchema(MAPPER, "{\"type\":\"object\"}").build();
  }

  private static McpServerFeatures.SyncToolSpecification tool(
      McpSchema.Tool tool,
      java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange, McpSchema.CallToolRequest,
          McpSchema.CallToolResult> handler) {
    return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
  }
}
