package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real upstream MCP server over stdio, run as a subprocess by the tests. Tools: {@code echo}
 * (read-only, structured), {@code wipe} (annotated destructive, so it needs approval at the gateway),
 * {@code touch} (changes the resource {@code memo://note} and tells its subscribers), {@code summarize}
 * (read-only; asks its client to sample a message and answers with the reply, or with why it could not). Prompt
 * {@code greet} (arguments {@code name}, required and completed from a short list, and {@code mood});
 * resource {@code memo://note}; template {@code memo://notes/{id}} (its {@code id} completed).
 */
public final class EchoUpstream {
  static final String NOTE = "memo://note";
  static final String NOTES_TEMPLATE = "memo://notes/{id}";

  private EchoUpstream() {}

  public static void main(String[] args) throws InterruptedException {
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    AtomicInteger version = new AtomicInteger(1);
    McpSyncServer[] self = new McpSyncServer[1];
    self[0] = McpServer.sync(new StdioServerTransportProvider(mapper))
        .serverInfo("echo-upstream", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder()
            .tools(true).prompts(true).resources(true, true).completions().build())
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
                .build(),
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("touch")
                    .inputSchema(mapper, "{\"type\":\"object\"}")
                    .annotations(new McpSchema.ToolAnnotations(null, false, false, true, false, null))
                    .build())
                .callHandler((exchange, request) -> {
                  version.incrementAndGet();
                  self[0].notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(NOTE));
                  return McpSchema.CallToolResult.builder().addTextContent("touched").build();
                })
                .build(),
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("summarize")
                    .inputSchema(mapper, "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
                    .annotations(new McpSchema.ToolAnnotations(null, true, false, true, false, null))
                    .build())
                .callHandler((exchange, request) -> {
                  try {
                    McpSchema.CreateMessageResult reply = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                        .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                            new McpSchema.TextContent("Summarize: " + request.arguments().get("text")))))
                        .maxTokens(50)
                        .build());
                    return McpSchema.CallToolResult.builder()
                        .addTextContent("sampled by " + reply.model() + ": " + ((McpSchema.TextContent) reply.content()).text())
                        .build();
                  } catch (RuntimeException e) {
                    return McpSchema.CallToolResult.builder().addTextContent("refused: " + e.getMessage()).build();
                  }
                })
                .build())
        .prompts(new McpServerFeatures.SyncPromptSpecification(
            McpSchema.Prompt.builder("greet")
                .description("Greets someone")
                .arguments(List.of(
                    McpSchema.PromptArgument.builder("name").description("Who").required(true).build(),
                    McpSchema.PromptArgument.builder("mood").description("How").required(false).build()))
                .build(),
            (exchange, request) -> {
              Object name = request.arguments() == null ? null : request.arguments().get("name");
              if (name == null) {
                throw new io.modelcontextprotocol.spec.McpError(new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INVALID_PARAMS, "greet needs a name", null));
              }
              Object mood = request.arguments().getOrDefault("mood", "kind");
              return new McpSchema.GetPromptResult("A greeting", List.of(new McpSchema.PromptMessage(
                  McpSchema.Role.USER, new McpSchema.TextContent("Say a " + mood + " hello to " + name))));
            }))
        .resources(new McpServerFeatures.SyncResourceSpecification(
            McpSchema.Resource.builder(NOTE, "note").mimeType("text/plain").description("A note that changes").build(),
            (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(NOTE, "text/plain", "note v" + version.get())))))
        .resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder(NOTES_TEMPLATE, "notes").mimeType("text/plain").build(),
            (exchange, request) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                request.uri(), "text/plain", "note " + request.uri().substring("memo://notes/".length()))))))
        .completions(
            new McpServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference("greet"),
                (exchange, request) -> completion(List.of("alice", "albert", "bob"), request.argument().value())),
            new McpServerFeatures.SyncCompletionSpecification(new McpSchema.ResourceReference(NOTES_TEMPLATE),
                (exchange, request) -> completion(List.of("1", "2", "12"), request.argument().value())))
        .build();
    Thread.currentThread().join();
  }

  private static McpSchema.CompleteResult completion(List<String> values, String prefix) {
    List<String> matches = values.stream().filter(v -> v.startsWith(prefix == null ? "" : prefix)).toList();
    return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(matches, matches.size(), false));
  }
}
