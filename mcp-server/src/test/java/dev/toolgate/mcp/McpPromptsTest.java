package dev.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpPromptsTest {
  private static final Set<String> SUPPORT =
      Set.of("search_customer", "create_ticket", "update_customer_status", "send_message", "get_incident_impact");

  @Test
  void aPromptIsOfferedOnlyWhenTheCallerMayCallAllItsTools() {
    assertThat(McpPrompts.visible(SUPPORT)).hasSize(McpPrompts.ALL.size());
    assertThat(McpPrompts.visible(Set.of("search_customer", "create_ticket")))
        .extracting(McpPrompts.Template::name)
        .containsExactly("triage_customer_issue");
    assertThat(McpPrompts.find("incident_outreach", Set.of("get_incident_impact"))).isEmpty();
  }

  @Test
  void renderingFillsEveryPlaceholderAndDefaultsTheChannel() {
    McpSchema.GetPromptResult prompt =
        McpPrompts.find("incident_outreach", SUPPORT).orElseThrow().render(Map.of("incident_id", "inc_003"));

    String text = ((McpSchema.TextContent) prompt.messages().get(0).content()).text();
    assertThat(text).contains("inc_003", "#support", "incident-inc_003-update").doesNotContain("{");
    assertThat(prompt.messages().get(0).role()).isEqualTo(McpSchema.Role.USER);
  }

  @Test
  void aMissingRequiredArgumentIsInvalidParamsNamingIt() {
    McpPrompts.Template triage = McpPrompts.find("triage_customer_issue", SUPPORT).orElseThrow();

    assertThatThrownBy(() -> triage.render(Map.of("customer", "Acme")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("problem");
  }
}
