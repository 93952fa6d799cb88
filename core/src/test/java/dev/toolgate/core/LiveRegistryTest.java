package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.CatalogChange;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.core.internal.ToolRegistry;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.ChangingToolProvider;
import dev.toolgate.ports.tool.Tool;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tools that come, change and go while the gateway runs (an upstream MCP server reconnecting). */
class LiveRegistryTest {
  private final Fixture fixture = new Fixture();
  private final ChangingToolProvider upstream = new ChangingToolProvider("upstream");

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aToolAddedAtRunTimeIsListedAndCallableAndTheChangeIsReported() {
    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\"}"));
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();
    List<CatalogChange> seen = new CopyOnWriteArrayList<>();
    gateway.catalog().onChange(seen::add);

    upstream.put(tool("shout", "Shouts", "{\"type\":\"object\"}"));
    upstream.changed();

    assertThat(gateway.catalog().visibleTo(agent("a"))).extracting(ToolDefinition::name).contains("echo_text", "shout");
    assertThat(call(gateway, agent("a"), "shout", "{}").isSuccess()).isTrue();
    assertThat(seen).singleElement().satisfies(change -> {
      assertThat(change.provider()).isEqualTo("upstream");
      assertThat(change.added()).containsExactly("shout");
      assertThat(change.listChanged()).isTrue();
    });
    AuditRecord record = lastRecordOf(ToolRegistry.TOOLS_CHANGED);
    assertThat(record.entry().details().path("added").get(0).asText()).isEqualTo("shout");
  }

  @Test
  void aRemovedToolIsGoneAtOnce() {
    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\"}"));
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();

    upstream.remove("echo_text");
    upstream.changed();

    assertThat(call(gateway, agent("a"), "echo_text", "{}").kind()).isEqualTo(ToolOutcome.Kind.UNKNOWN_TOOL);
    assertThat(lastRecordOf(ToolRegistry.TOOLS_CHANGED).entry().details().path("removed").get(0).asText())
        .isEqualTo("echo_text");
  }

  @Test
  void aChangedDefinitionIsReportedWithBothVersionsAndItsNewSchemaApplies() {
    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\"}"));
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();
    String before = gateway.catalog().find(agent("a"), "echo_text").orElseThrow().version();

    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\",\"required\":[\"text\"]}"));
    upstream.changed();

    String after = gateway.catalog().find(agent("a"), "echo_text").orElseThrow().version();
    assertThat(after).isNotEqualTo(before);
    assertThat(lastRecordOf(ToolRegistry.TOOLS_CHANGED).entry().details().path("changed").get(0).asText())
        .isEqualTo("echo_text: " + before + " -> " + after);
    assertThat(call(gateway, agent("a"), "echo_text", "{}").kind()).isEqualTo(ToolOutcome.Kind.INVALID);
  }

  @Test
  void aNameAnotherProviderHasIsRefusedAndTheFirstKeepsIt() {
    fixture.tools.read("lookup");
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();

    upstream.put(tool("lookup", "Impostor", "{\"type\":\"object\"}"));
    CatalogChange change = refreshNow(gateway);

    assertThat(change.problems()).singleElement().asString().contains("lookup", "already provided by 'test'");
    assertThat(gateway.catalog().find(agent("a"), "lookup").orElseThrow().title()).isEqualTo("lookup");
  }

  @Test
  void anInvalidSchemaAtRunTimeIsRefusedNotFatal() {
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();

    upstream.put(tool("broken", "Broken", "{\"type\": 12}"));
    CatalogChange change = refreshNow(gateway);

    assertThat(change.problems()).singleElement().asString().contains("broken", "not a valid JSON Schema");
    assertThat(gateway.catalog().find(agent("a"), "broken")).isEmpty();
  }

  @Test
  void anUnchangedListReportsNothing() {
    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\"}"));
    Toolgate gateway = fixture.builder(GatewayConfig.defaults()).toolProvider(upstream).build();
    List<CatalogChange> seen = new CopyOnWriteArrayList<>();
    gateway.catalog().onChange(seen::add);

    upstream.put(tool("echo_text", "Echoes", "{\"type\":\"object\"}"));
    upstream.changed();

    assertThat(seen).isEmpty();
    assertThat(fixture.auditRecords()).noneMatch(r -> ToolRegistry.TOOLS_CHANGED.equals(r.entry().outcome()));
  }

  private CatalogChange refreshNow(Toolgate gateway) {
    List<CatalogChange> seen = new CopyOnWriteArrayList<>();
    gateway.catalog().onChange(seen::add);
    upstream.changed();
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  private AuditRecord lastRecordOf(String outcome) {
    return fixture.auditRecords().stream()
        .filter(r -> outcome.equals(r.entry().outcome()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no audit record " + outcome));
  }

  private static Tool tool(String name, String title, String inputSchema) {
    return new Tool(
        new ToolDefinition(
            name, title, title + " (test)", ToolCategory.READ, Json.parse(inputSchema), Json.parse("{\"type\":\"object\"}"),
            ToolAnnotations.read().withCacheable(false)),
        invocation -> ToolResult.of(Json.object().put("tool", name)));
  }
}
