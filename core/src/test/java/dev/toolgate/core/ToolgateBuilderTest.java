package dev.toolgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.testing.InMemoryStores;
import dev.toolgate.ports.testing.InMemorySupportDesk;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolgateBuilderTest {
  private final Fixture fixture = new Fixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void namesTheMissingPort() {
    assertThatThrownBy(() -> Toolgate.builder().apiKeys(fixture.keys).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clientProfiles");
  }

  @Test
  void duplicateToolNamesFailNamingBothProviders() {
    fixture.tools.read("lookup");
    TestTools other = new TestTools("crm").read("lookup");

    assertThatThrownBy(() -> fixture.builder(GatewayConfig.defaults()).toolProvider(other).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'lookup'")
        .hasMessageContaining("'test'")
        .hasMessageContaining("'crm'");
  }

  @Test
  void invalidInputSchemaFailsNamingTheTool() {
    fixture.tools.add("broken", ToolCategory.READ, ToolAnnotations.read(), Json.parse("{\"type\": 12}"),
        invocation -> Json.object());

    assertThatThrownBy(() -> fixture.gateway())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'broken'");
  }

  @Test
  void supportDeskAddsTheSupportToolset() {
    Toolgate gateway =
        fixture.builder(GatewayConfig.defaults()).supportDesk(InMemorySupportDesk.withDemoData(fixture.clock)).build();

    try (gateway) {
      assertThat(gateway.catalog().visibleTo(Fixture.agent("a")).stream().map(ToolDefinition::name))
          .contains("search_customer", "create_ticket", "update_customer_status", "send_message",
              "get_incident_impact");
    }
  }

  @Test
  void storesSetsEveryStatePortAtOnce() {
    fixture.tools.write("create_order");
    InMemoryStores stores = new InMemoryStores(fixture.clock);

    try (Toolgate gateway = Toolgate.builder().stores(stores).toolProvider(fixture.tools).clock(fixture.clock).build()) {
      ToolOutcome outcome = Fixture.call(gateway, Fixture.agent("a"), "create_order", "{}", "idem-1");

      assertThat(outcome.isSuccess()).isTrue();
      assertThat(stores.idempotency().find(new IdempotencyScope("a", "create_order", "idem-1"), fixture.clock.instant()))
          .isPresent();
      assertThat(stores.audit().last()).isPresent();
      assertThat(stores.usage().query(LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), null)).isNotEmpty();
      assertThat(gateway.chat()).as("chat sessions come with the stores").isNotNull();
    }
  }
}
