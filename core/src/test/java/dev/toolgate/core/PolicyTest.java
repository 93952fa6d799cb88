package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import dev.toolgate.ports.tool.ToolDefinition;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private final Fixture fixture = new Fixture();

  @BeforeEach
  void tools() {
    fixture.tools.read("lookup").write("create_order").add(
        "run_report", ToolCategory.WORKFLOW, ToolAnnotations.write(), TestTools.ANY_OBJECT,
        invocation -> TestTools.ANY_OBJECT);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private static Principal keyWith(Set<String> allow, Set<String> deny, String client) {
    return new Principal("k1", "k1", Set.of(Role.AGENT), client, allow, deny, null);
  }

  private void client(String key, Set<String> allow, Set<String> deny) {
    fixture.clients.upsert(new ClientProfile(key, key, ZoneId.of("UTC"), allow, deny, null));
  }

  private static String ruleOf(ToolOutcome outcome) {
    assertThat(outcome).isInstanceOf(ToolOutcome.Denied.class);
    return ((ToolOutcome.Denied) outcome).rule();
  }

  @Test
  void globalAllowlistDeniesUnlistedTools() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().allowedTools(Set.of("lookup")).build());

    assertThat(call(gateway, agent("a"), "lookup", "{}")).isInstanceOf(ToolOutcome.Succeeded.class);
    assertThat(ruleOf(call(gateway, agent("a"), "create_order", "{}"))).isEqualTo("global_allowlist");
    assertThat(fixture.tools.executions("create_order")).isZero();
  }

  @Test
  void keyDenyListDenies() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome outcome = call(gateway, keyWith(Set.of(), Set.of("lookup"), null), "lookup", "{}");
    assertThat(ruleOf(outcome)).isEqualTo("key_deny");
    assertThat(outcome.code()).isEqualTo("tool_not_allowed");
  }

  @Test
  void keyAllowListDeniesOtherTools() {
    Toolgate gateway = fixture.gateway();
    Principal key = keyWith(Set.of("lookup"), Set.of(), null);
    assertThat(call(gateway, key, "lookup", "{}").isSuccess()).isTrue();
    assertThat(ruleOf(call(gateway, key, "create_order", "{}"))).isEqualTo("key_allow");
  }

  @Test
  void clientDenyListDenies() {
    client("acme", Set.of(), Set.of("create_order"));
    Toolgate gateway = fixture.gateway();
    Principal key = keyWith(Set.of(), Set.of(), "acme");
    assertThat(call(gateway, key, "lookup", "{}").isSuccess()).isTrue();
    assertThat(ruleOf(call(gateway, key, "create_order", "{}"))).isEqualTo("client_deny");
  }

  @Test
  void clientAllowListDeniesOtherTools() {
    client("acme", Set.of("lookup"), Set.of());
    Toolgate gateway = fixture.gateway();
    Principal key = keyWith(Set.of(), Set.of(), "acme");
    assertThat(ruleOf(call(gateway, key, "create_order", "{}"))).isEqualTo("client_allow");
    assertThat(call(gateway, keyWith(Set.of(), Set.of(), null), "create_order", "{}").isSuccess()).isTrue();
  }

  @Test
  void denyWinsOverAllow() {
    client("acme", Set.of("lookup"), Set.of("lookup"));
    Toolgate gateway = fixture.gateway();
    assertThat(ruleOf(call(gateway, keyWith(Set.of("lookup"), Set.of("lookup"), null), "lookup", "{}")))
        .isEqualTo("key_deny");
    assertThat(ruleOf(call(gateway, keyWith(Set.of(), Set.of(), "acme"), "lookup", "{}")))
        .isEqualTo("client_deny");
  }

  @Test
  void categoryRoleIsRequired() {
    Toolgate gateway =
        fixture.gateway(
            GatewayConfig.custom().categoryRoles(ToolCategory.WORKFLOW, Set.of(Role.OPERATOR)).build());

    assertThat(ruleOf(call(gateway, agent("a"), "run_report", "{}"))).isEqualTo("role:workflow");
    assertThat(call(gateway, principal("o", Role.OPERATOR), "run_report", "{}").isSuccess()).isTrue();
    assertThat(call(gateway, agent("a"), "create_order", "{}").isSuccess()).isTrue();
  }

  @Test
  void adminPassesEveryRoleRuleButNotTheLists() {
    Toolgate gateway =
        fixture.gateway(
            GatewayConfig.custom()
                .categoryRoles(ToolCategory.WRITE, Set.of())
                .allowedTools(Set.of("create_order"))
                .build());
    Principal admin = principal("root", Role.ADMIN);

    assertThat(call(gateway, admin, "create_order", "{}").isSuccess()).isTrue();
    assertThat(ruleOf(call(gateway, principal("o", Role.OPERATOR), "create_order", "{}"))).isEqualTo("role:write");
    assertThat(ruleOf(call(gateway, admin, "lookup", "{}"))).isEqualTo("global_allowlist");
  }

  @Test
  void catalogShowsOnlyAllowedToolsInNameOrder() {
    Toolgate gateway = fixture.gateway();
    Principal key = keyWith(Set.of(), Set.of("create_order"), null);

    assertThat(gateway.catalog().visibleTo(key).stream().map(ToolDefinition::name))
        .containsExactly("lookup", "run_report");
    assertThat(gateway.catalog().find(key, "create_order")).isEmpty();
    assertThat(gateway.catalog().find(key, "lookup")).isPresent();
    assertThat(gateway.catalog().find(key, "nope")).isEmpty();
  }

  @Test
  void unknownToolIsReportedBeforePolicy() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().allowedTools(Set.of("lookup")).build());
    ToolOutcome outcome = call(gateway, agent("a"), "no_such_tool", "{}");
    assertThat(outcome).isEqualTo(new ToolOutcome.UnknownTool("no_such_tool"));
    assertThat(outcome.code()).isEqualTo("unknown_tool");
  }
}
