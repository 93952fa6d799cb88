package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.CompactCatalogue;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.testing.InMemoryApiKeyStore;
import dev.toolgate.ports.testing.InMemoryApprovalStore;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import dev.toolgate.ports.testing.InMemoryClientProfileStore;
import dev.toolgate.ports.testing.InMemoryIdempotencyStore;
import dev.toolgate.ports.testing.InMemoryResponseCache;
import dev.toolgate.ports.testing.InMemorySupportDesk;
import dev.toolgate.ports.testing.InMemoryUsageLedger;
import dev.toolgate.ports.tool.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code tools/list} costs an agent in tokens, full and compact, at 7 tools (the built-in ones)
 * and at 50 and 200 (the built-in ones repeated under new names, as a large upstream catalogue would
 * look), counted with JTokkit's o200k_base and cl100k_base on the JSON of the listing as the SDK
 * sends it. Prints the table that {@code docs/compact-catalogue.md} shows; asserts only facts that do
 * not depend on the machine: the compact listing stays under 2,000 tokens at 200 tools, and does not
 * grow with the catalogue.
 */
class CompactCatalogueTokensTest {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
  private static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
  /** The SDK's wire form of its schema types (annotated for Jackson). */
  private static final ObjectMapper WIRE = new ObjectMapper();

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
          // The marketing toolset on its sample data: with the support desk, the 7 built-in tools.
          .marketing(Map.of())
          .config(GatewayConfig.defaults())
          .build();

  @Test
  void theCompactListingStaysSmallHoweverManyToolsThereAre() throws JsonProcessingException {
    Principal agent = new Principal("agent", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), null);
    List<ToolDefinition> builtIn = toolgate.catalog().visibleTo(agent);
    assertThat(builtIn).hasSize(7);
    String compact = listing(McpCompactCatalogue.metaTools());

    StringBuilder table = new StringBuilder()
        .append("| tools | full tools/list: bytes | o200k | cl100k | compact tools/list: bytes | o200k | cl100k |")
        .append(" search_tools (10 hits): o200k | describe_tool (one): o200k |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int count : new int[] {7, 50, 200}) {
      List<ToolDefinition> tools = catalogue(builtIn, count);
      String full = listing(tools.stream().map(McpTools::toMcp).toList());
      ObjectNode search = Json.object();
      ArrayNode hits = search.putArray("tools");
      tools.stream().limit(CompactCatalogue.DEFAULT_LIMIT).forEach(t -> hits.add(CompactCatalogue.summary(t)));
      search.put("total", tools.size());
      String describe = WIRE.writeValueAsString(McpTools.toMcp(tools.get(0)));
      table.append("| ").append(count)
          .append(" | ").append(bytes(full)).append(" | ").append(O200K.countTokensOrdinary(full))
          .append(" | ").append(CL100K.countTokensOrdinary(full))
          .append(" | ").append(bytes(compact)).append(" | ").append(O200K.countTokensOrdinary(compact))
          .append(" | ").append(CL100K.countTokensOrdinary(compact))
          .append(" | ").append(O200K.countTokensOrdinary(Json.write(search)))
          .append(" | ").append(O200K.countTokensOrdinary(describe))
          .append(" |\n");
      if (count == 200) {
        assertThat(O200K.countTokensOrdinary(compact)).isLessThan(2_000);
        assertThat(CL100K.countTokensOrdinary(compact)).isLessThan(2_000);
        assertThat(O200K.countTokensOrdinary(full)).as("the full listing grows with the catalogue")
            .isGreaterThan(10 * O200K.countTokensOrdinary(compact));
      }
    }
    System.out.println("tools/list token cost (JTokkit):\n" + table + "(describe_tool of " + builtIn.get(0).name() + ")");
  }

  /** The built-in tools, then copies of them under new names and titles until there are {@code count}. */
  private static List<ToolDefinition> catalogue(List<ToolDefinition> builtIn, int count) {
    List<ToolDefinition> tools = new ArrayList<>(builtIn);
    for (int i = builtIn.size(); i < count; i++) {
      ToolDefinition base = builtIn.get(i % builtIn.size());
      tools.add(new ToolDefinition(
          base.name() + "_" + i, base.title() + " " + i, base.description(), base.category(),
          base.inputSchema(), base.outputSchema(), base.annotations()));
    }
    return tools;
  }

  /** The whole listing as one result, as an agent that pages through it ends up holding. */
  private static String listing(List<McpSchema.Tool> tools) throws JsonProcessingException {
    return WIRE.writeValueAsString(new McpSchema.ListToolsResult(tools, null, null));
  }

  private static int bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
