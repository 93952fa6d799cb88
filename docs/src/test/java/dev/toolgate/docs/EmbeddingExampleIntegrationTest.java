package dev.toolgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.state.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
// The imports the snippet needs, shown in docs/embedding.md (EmbeddingDocTest checks they match).
// tag::imports[]
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.auth.IssuedKey;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
// end::imports[]

/** The snippets of docs/embedding.md, compiled and run. */
class EmbeddingExampleIntegrationTest {

  @Test
  void embedsTheGatewayAndCallsAnOwnToolThroughThePipeline(@TempDir Path dir) {
    // tag::embed[]
    try (SqliteStores stores = SqliteStores.open(new SqliteConfig(dir.resolve("toolgate.db")));
        Toolgate gateway =
            Toolgate.builder()
                .apiKeys(stores.apiKeys())
                .clientProfiles(stores.clientProfiles())
                .idempotency(stores.idempotency())
                .approvals(stores.approvals())
                .audit(stores.audit())
                .cache(stores.cache())
                .usage(stores.usage())
                .supportDesk(stores.supportDesk()) // the built-in support tools (optional)
                .toolProvider(new GreetingTools()) // your own tools
                .config(GatewayConfig.custom().executionTimeout(Duration.ofSeconds(5)).build())
                .build()) {

      // Keys are issued by an admin; the secret is returned once and stored only as a hash.
      IssuedKey admin = gateway.keys().bootstrapAdmin().orElseThrow();
      Principal root = gateway.keys().authenticate(admin.secret()).orElseThrow();
      IssuedKey agentKey = gateway.keys().create(root, NewKey.of("my-agent", Set.of(Role.AGENT)), "setup-1");
      Principal agent = gateway.keys().authenticate(agentKey.secret()).orElseThrow();

      ToolOutcome outcome =
          gateway
              .calls()
              .call(new CallToolCommand(agent, "greet", Json.parse("{\"name\":\"Ada\"}"), null, "req-1"));

      if (outcome.isSuccess()) {
        ToolResult result = ((ToolOutcome.Succeeded) outcome).result();
        System.out.println(result.structured().get("greeting").asText()); // Hello, Ada!
      } else {
        System.out.println(outcome.code() + ": " + outcome.message());
      }
      // end::embed[]

      assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
      assertThat(((ToolOutcome.Succeeded) outcome).result().structured().get("greeting").asText())
          .isEqualTo("Hello, Ada!");

      // The same pipeline validates arguments and audits every call.
      ToolOutcome invalid =
          gateway.calls().call(new CallToolCommand(agent, "greet", Json.parse("{\"name\":\"\"}"), null, "req-2"));
      assertThat(invalid).isInstanceOf(ToolOutcome.Invalid.class);
      assertThat(((ToolOutcome.Invalid) invalid).errors()).extracting("field").contains("/name");

      assertThat(gateway.audit().query(root, AuditQuery.tail(10)))
          .extracting(r -> r.entry().requestId())
          .contains("req-1", "req-2");
      assertThat(gateway.audit().verify(root).valid()).isTrue();
    }
  }
}
