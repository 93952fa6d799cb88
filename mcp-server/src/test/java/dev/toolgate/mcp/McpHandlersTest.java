package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemorySupportDesk;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP methods in-process, over an in-memory gateway with the support toolset: what each caller
 * may list, page by page, and read.
 */
class McpHandlersTest {
  private static final Principal AGENT = principal("agent-1", Set.of(), Role.AGENT);
  private static final Principal OTHER_AGENT = principal("agent-2", Set.of(), Role.AGENT);
  private static final Principal NO_MESSAGES = principal("agent-3", Set.of("send_message"), Role.AGENT);

  private final Toolgate toolgate =
      Toolgate.builder()
          .apiKeys(new InMemoryApiKeyStore())
          .clientProfiles(new InMemoryClientProfileStore())
          .idempotency(new InMemoryIdempotencyStore())
          .approvals(new InMemoryApprovalStore())
          .audit(new InMemoryAuditLog())
          .cache(new InMemoryResponseCache())
          .usage(new InMemoryUsageLedger())
          .supportDesk(InMemorySupportDesk.withDemoData(Clock.systemUTC()))
          .config(GatewayConfig.defaults())
          .build();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final InFlightCalls inFlight = new InFlightCalls();
  private final McpConfig config = McpConfig.defaults("test").withPageSize(2).withElicitationTimeout(Duration.ofSeconds(5));
  private final JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
  private final McpHandlers handlers =
      new McpHandlers(
          toolgate, config, mapper, ToolCalls.onOwnThreads(toolgate, config, inFlight, executor),
          new McpResources(toolgate, Clock.systemUTC()), inFlight,
          new McpUpstreamFeatures(McpPassthrough.NONE, mapper, new ResourceSubscriptions(McpPassthrough.NONE)));

  @AfterEach
  void close() {
    executor.shutdownNow();
    toolgate.close();
  }

  private static Principal principal(String id, Set<String> deny, Role role) {
    return new Principal(id, id, Set.of(role), null, Set.of(), deny, null);
  }

  private <T> T request(Principal principal, String method, Object params) {
    Map<String, McpRequestHandler<?>> all = handlers.requests(context -> new Caller(principal, "r-1", null), () -> null, SessionCatalog.of(config.catalogMode()));
    McpAsyncServerExchange exchange =
        new McpAsyncServerExchange("session-1", null, McpSchema.ClientCapabilities.builder().build(), null, McpTransportContext.EMPTY);
    @SuppressWarnings("unchecked")
    T result = (T) all.get(method).handle(exchange, params).block(Duration.ofSeconds(10));
    return result;
  }

  private List<String> allToolNames(Principal principal) {
    List<String> names = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 10; page++) {
      Map<String, Object> params = new HashMap<>();
      params.put("cursor", cursor);
      McpSchema.ListToolsResult result = request(principal, "tools/list", params);
      assertThat(result.tools()).hasSizeLessThanOrEqualTo(2);
      result.tools().forEach(tool -> names.add(tool.name()));
      cursor = result.nextCursor();
      if (cursor == null) {
        return names;
      }
    }
    throw new AssertionError("tools/list never reached its last page");
  }

  @Test
  void toolsListPagesThroughExactlyTheToolsTheCallerMayCall() {
    assertThat(allToolNames(AGENT))
        .containsExactly("create_ticket", "get_incident_impact", "search_customer", "send_message", "update_customer_status");
    assertThat(allToolNames(NO_MESSAGES))
        .containsExactly("create_ticket", "get_incident_impact", "search_customer", "update_customer_status");
  }

  @Test
  void aForeignCursorIsRefused() {
    assertThatThrownBy(() -> request(AGENT, "tools/list", Map.of("cursor", "bogus")))
        .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32602));
  }

  @Test
  void promptsNeedingAHiddenToolAreNotOffered() {
    McpSchema.ListPromptsResult first = request(NO_MESSAGES, "prompts/list", null);

    assertThat(first.prompts()).extracting(McpSchema.Prompt::name).doesNotContain("incident_outreach");
    assertThatThrownBy(() -> request(NO_MESSAGES, "prompts/get", Map.of("name", "incident_outreach")))
        .isInstanceOf(McpError.class);
  }

  @Test
  void anApprovalIsReadableByItsRequesterAndNotByAnotherAgent() {
    ToolOutcome pending =
        toolgate.calls()
            .call(new CallToolCommand(AGENT, "update_customer_status",
                Json.parse("{\"customer_id\":\"cus_001\",\"status\":\"at_risk\"}"), null, "r-0"));
    String id = ((ToolOutcome.ApprovalRequired) pending).approvalId();
    String uri = "toolgate://approvals/" + id;

    McpSchema.ReadResourceResult mine = request(AGENT, "resources/read", Map.of("uri", uri));
    String text = ((McpSchema.TextResourceContents) mine.contents().get(0)).text();
    assertThat(Json.parse(text).path("status").asText()).isEqualTo("pending");
    McpSchema.ReadResourceResult list = request(AGENT, "resources/read", Map.of("uri", "toolgate://approvals"));
    assertThat(((McpSchema.TextResourceContents) list.contents().get(0)).text()).contains(id);
    assertThatThrownBy(() -> request(OTHER_AGENT, "resources/read", Map.of("uri", uri)))
        .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002));
  }

  @Test
  void aToolCallGoesThroughThePipelineAsTheCaller() {
    McpSchema.CallToolResult denied =
        request(NO_MESSAGES, "tools/call", Map.of("name", "send_message", "arguments", Map.of("channel", "x", "text", "y")));
    McpSchema.CallToolResult found =
        request(AGENT, "tools/call", Map.of("name", "search_customer", "arguments", Map.of("query", "Initech")));

    assertThat(denied.isError()).isTrue();
    assertThat(Json.mapper().valueToTree(denied.structuredContent()).at("/error/code").asText()).isEqualTo("tool_not_allowed");
    assertThat(found.isError()).isFalse();
    assertThat(Json.mapper().valueToTree(found.structuredContent()).at("/customers/0/id").asText()).isEqualTo("cus_003");
  }
}
