package dev.toolgate.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.mcp.McpPassthrough;
import dev.toolgate.ports.mcp.PassthroughCaller;
import dev.toolgate.ports.mcp.PassthroughChange;
import dev.toolgate.ports.mcp.PassthroughEntry;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.testing.InMemoryAuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two real Streamable HTTP upstreams' prompts and resources merged by {@link McpUpstreams#passthrough()}. */
class UpstreamPassthroughIntegrationTest {
  private static final PassthroughCaller CALLER = new PassthroughCaller("req-1", "key-1", null);

  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private TestUpstreamServer.Http first;
  private TestUpstreamServer.Http second;
  private McpUpstreams upstreams;

  @BeforeEach
  void startServers() throws Exception {
    first = TestUpstreamServer.http();
    second = TestUpstreamServer.http();
    McpServersConfig config = McpServersConfig.parse("{\"mcpServers\": {"
        + "\"one\": {\"url\": \"" + first.url() + "\"}, "
        + "\"two\": {\"url\": \"" + second.url() + "\", \"prefix\": \"\"}}}", System::getenv, SecretResolver.NONE);
    upstreams = McpUpstreams.start(config, audit);
    await("both connected with prompts", () -> upstreams.allConnected() && upstreams.passthrough().prompts().size() == 2);
  }

  @AfterEach
  void stop() throws Exception {
    upstreams.close();
    first.close();
    second.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void promptsAreNamespacedAndASharedUriGoesToTheFirstServerWithTheClashReported() {
    McpPassthrough passthrough = upstreams.passthrough();

    assertThat(passthrough.prompts()).extracting(PassthroughEntry::key).containsExactly("one.hello", "hello");
    assertThat(passthrough.prompts().get(0).item().path("name").asText()).isEqualTo("one.hello");
    assertThat(passthrough.resources()).extracting(PassthroughEntry::server).containsExactly("one");
    assertThat(passthrough.resourceTemplates()).extracting(PassthroughEntry::key).containsExactly("test://items/{id}");
    assertThat(passthrough.serverOfResource("test://items/7")).contains("one");
    assertThat(passthrough.serverOfResource("other://x")).isEmpty();
    assertThat(passthrough.tools("one")).contains("one.echo");
    assertThat(upstreams.status().get(1).problems()).contains(
        "resource 'test://readme' refused: server 'one' offers the same URI",
        "resource template 'test://items/{id}' refused: server 'one' offers the same template");
  }

  @Test
  void getsPromptsByTheirNamespacedNameAndReadsResourcesAuditingEach() {
    McpPassthrough passthrough = upstreams.passthrough();

    JsonNode one = passthrough.getPrompt(CALLER, "one.hello", Map.of("who", "Ann"));
    JsonNode two = passthrough.getPrompt(CALLER, "hello", Map.of("who", "Bo"));
    JsonNode item = passthrough.readResource(CALLER, "test://items/7");

    assertThat(one.path("messages").get(0).path("content").path("text").asText()).isEqualTo("hello, Ann");
    assertThat(two.path("messages").get(0).path("content").path("text").asText()).isEqualTo("hello, Bo");
    assertThat(item.path("contents").get(0).path("text").asText()).isEqualTo("item test://items/7");
    assertThatThrownBy(() -> passthrough.getPrompt(CALLER, "one.nope", Map.of()))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("one.nope");
    List<AuditEntry> entries = audit.read(dev.toolgate.ports.state.AuditQuery.tail(10)).stream()
        .map(AuditRecord::entry).toList();
    assertThat(entries).hasSize(4);
    assertThat(entries).extracting(AuditEntry::outcome).containsExactlyInAnyOrder("executed", "executed", "executed", "failed");
    assertThat(entries).extracting(AuditEntry::keyId).containsOnly("key-1");
  }

  @Test
  void anUpstreamsPromptListChangeRefreshesTheListAndIsAnnounced() throws InterruptedException {
    List<PassthroughChange> changes = new CopyOnWriteArrayList<>();
    upstreams.passthrough().onChange(changes::add);

    first.mcp.addPrompt(TestUpstreamServer.prompt("later"));
    first.mcp.notifyPromptsListChanged();

    await("the new prompt", () -> upstreams.passthrough().prompts().stream().anyMatch(p -> p.key().equals("one.later")));
    assertThat(changes).extracting(PassthroughChange::kind).contains(PassthroughChange.Kind.PROMPTS_LIST_CHANGED);
  }
}
