package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpToolsTest {
  private static final String OBJECT = "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},\"additionalProperties\":false}";

  private static ToolDefinition tool(String name, ToolCategory category, ToolAnnotations annotations, String input) {
    return new ToolDefinition(name, "Title of " + name, "Does " + name + ".", category, Json.parse(input),
        Json.parse("{\"type\":\"object\"}"), annotations);
  }

  private static final ToolDefinition READ = tool("look", ToolCategory.READ, ToolAnnotations.read(), OBJECT);
  private static final ToolDefinition WRITE =
      tool("change", ToolCategory.WRITE, ToolAnnotations.write().withDestructive(true).withOpenWorld(true), OBJECT);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(McpSchema.Tool tool) {
    return (Map<String, Object>) tool.inputSchema().get("properties");
  }

  @Test
  void toolsWithSideEffectsOfferAnIdempotencyKeyArgumentAndReadsDoNot() {
    McpSchema.Tool write = McpTools.toMcp(WRITE);
    McpSchema.Tool read = McpTools.toMcp(READ);

    assertThat(properties(write)).containsKeys("q", "idempotency_key");
    assertThat(properties(read)).containsOnlyKeys("q");
    assertThat(WRITE.inputSchema().path("properties").has("idempotency_key")).as("the definition is not changed").isFalse();
  }

  @Test
  void aToolsOwnIdempotencyKeyArgumentStaysItsOwn() {
    ToolDefinition own =
        tool("own", ToolCategory.WRITE, ToolAnnotations.write(),
            "{\"type\":\"object\",\"properties\":{\"idempotency_key\":{\"type\":\"integer\"}}}");

    assertThat(McpTools.takesIdempotencyKey(own)).isFalse();
    assertThat(McpTools.split(own, Map.of("idempotency_key", 5), null).arguments().path("idempotency_key").asInt()).isEqualTo(5);
  }

  @Test
  void hintsTitlesAndToolgateMetaAreShown() {
    McpSchema.Tool write = McpTools.toMcp(
            new ToolDefinition(
                WRITE.name(), WRITE.title(), WRITE.description(), WRITE.category(), WRITE.inputSchema(),
                WRITE.outputSchema(), WRITE.annotations().withRequiresApproval(true)));
    McpSchema.Tool read = McpTools.toMcp(READ);

    assertThat(write.title()).isEqualTo("Title of change");
    assertThat(write.annotations().readOnlyHint()).isFalse();
    assertThat(write.annotations().destructiveHint()).isTrue();
    assertThat(write.annotations().openWorldHint()).isTrue();
    assertThat(write.description()).contains("approval");
    assertThat(write.meta()).containsEntry("dev.toolgate/requires_approval", true).containsEntry("dev.toolgate/category", "write");
    assertThat(write.outputSchema()).containsEntry("type", "object");
    assertThat(read.annotations().readOnlyHint()).isTrue();
    assertThat(read.annotations().destructiveHint()).isFalse();
    assertThat(read.annotations().idempotentHint()).isTrue();
  }

  @Test
  void theIdempotencyKeyIsTakenFromTheArgumentsOrFromMeta() {
    McpTools.Split fromArgs = McpTools.split(WRITE, Map.of("q", "x", "idempotency_key", "k-1"), null);
    McpTools.Split fromMeta = McpTools.split(WRITE, Map.of("q", "x"), Map.of("idempotency_key", "k-2"));
    McpTools.Split same = McpTools.split(WRITE, Map.of("idempotency_key", "k-3"), Map.of("idempotency_key", "k-3"));

    assertThat(fromArgs.idempotencyKey()).isEqualTo("k-1");
    assertThat(fromArgs.arguments()).isEqualTo(Json.parse("{\"q\":\"x\"}"));
    assertThat(fromMeta.idempotencyKey()).isEqualTo("k-2");
    assertThat(same.idempotencyKey()).isEqualTo("k-3");
    assertThat(same.problem()).isNull();
  }

  @Test
  void conflictingOrNonTextKeysAreInvalidArguments() {
    assertThat(McpTools.split(WRITE, Map.of("idempotency_key", "a"), Map.of("idempotency_key", "b")).problem().field())
        .isEqualTo("idempotency_key");
    assertThat(McpTools.split(WRITE, Map.of("idempotency_key", 7), null).problem().message()).contains("string");
    assertThat(McpTools.split(WRITE, Map.of(), Map.of("idempotency_key", 7)).problem()).isNotNull();
  }

  @Test
  void argumentsOfReadToolsAndOfUnknownToolsAreLeftForThePipelineToJudge() {
    assertThat(McpTools.split(READ, Map.of("idempotency_key", "k"), null).arguments().has("idempotency_key")).isTrue();
    assertThat(McpTools.split(null, Map.of("idempotency_key", "k"), null).arguments().has("idempotency_key")).isTrue();
    assertThat(McpTools.split(null, null, null).arguments()).isEqualTo(Json.object());
  }
}
