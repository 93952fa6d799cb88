package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.call.CompactCatalogue;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a {@code call_tool} request becomes the direct call it stands for, and the mode setting's values. */
class McpCompactCatalogueTest {
  private static McpSchema.CallToolRequest callTool(Map<String, Object> arguments, Map<String, Object> meta) {
    return McpSchema.CallToolRequest.builder(McpCompactCatalogue.CALL).arguments(arguments).meta(meta).build();
  }

  @Test
  void callToolBecomesTheDirectCallKeepingProgressTokenAndPuttingTheKeyInMeta() {
    McpCompactCatalogue.Inner inner =
        McpCompactCatalogue.unwrap(
            callTool(
                Map.of("name", "create_ticket", "arguments", Map.of("subject", "x"), "idempotency_key", "k-1"),
                Map.of("progressToken", "p-1")));

    assertThat(inner.problem()).isNull();
    assertThat(inner.request().name()).isEqualTo("create_ticket");
    assertThat(inner.request().arguments()).isEqualTo(Map.of("subject", "x"));
    assertThat(inner.request().meta()).containsEntry("idempotency_key", "k-1");
    assertThat(inner.request().progressToken()).isEqualTo("p-1");
  }

  @Test
  void aMissingNameNonObjectArgumentsOrConflictingKeysAreNamedProblems() {
    assertThat(McpCompactCatalogue.unwrap(callTool(Map.of(), null)).problem().field()).isEqualTo("name");
    assertThat(McpCompactCatalogue.unwrap(callTool(Map.of("name", "t", "arguments", "x"), null)).problem().field())
        .isEqualTo("arguments");
    assertThat(McpCompactCatalogue.unwrap(callTool(Map.of("name", "t", "idempotency_key", 3), null)).problem().message())
        .contains("string");
    assertThat(
            McpCompactCatalogue.unwrap(callTool(Map.of("name", "t", "idempotency_key", "a"), Map.of("idempotency_key", "b")))
                .problem().message())
        .contains("differ");
  }

  @Test
  void searchHitsShowTheFirstSentenceOnly() {
    assertThat(CompactCatalogue.oneLine("Opens a ticket.  Every call opens another.")).isEqualTo("Opens a ticket.");
    assertThat(CompactCatalogue.oneLine("x".repeat(500))).hasSize(160).endsWith("…");
  }

  @Test
  void theModeSettingAcceptsFullAndCompactOnly() {
    assertThat(McpCatalogMode.parse(" COMPACT ")).isEqualTo(McpCatalogMode.COMPACT);
    assertThat(McpCatalogMode.parse("full")).isEqualTo(McpCatalogMode.FULL);
    assertThatThrownBy(() -> McpCatalogMode.parse("small")).hasMessageContaining("'small'").hasMessageContaining("compact");
  }

  @Test
  void theMetaToolsAreListedInNameOrderForPaging() {
    assertThat(McpCompactCatalogue.metaTools()).extracting(McpSchema.Tool::name)
        .containsExactly("call_tool", "describe_tool", "search_tools");
  }
}
