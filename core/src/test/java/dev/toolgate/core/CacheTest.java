package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.clientAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.NotFoundException;
import dev.toolgate.ports.tool.ToolAnnotations;
import dev.toolgate.ports.tool.ToolCategory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheTest {
  private final Fixture fixture = new Fixture();

  CacheTest() {
    fixture.tools
        .read("lookup")
        .add("live_lookup", ToolCategory.READ, ToolAnnotations.read().withCacheable(false), TestTools.ANY_OBJECT,
            invocation -> Json.object())
        .add("missing_lookup", ToolCategory.READ, ToolAnnotations.read(), TestTools.ANY_OBJECT,
            invocation -> {
              throw new NotFoundException("nothing there");
            })
        .write("create_order");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private static ToolOutcome.Succeeded succeeded(ToolOutcome outcome) {
    assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
    return (ToolOutcome.Succeeded) outcome;
  }

  @Test
  void servesARepeatedReadFromTheCacheWithItsAge() {
    Toolgate gateway = fixture.gateway();
    ToolOutcome.Succeeded first = succeeded(call(gateway, agent("a"), "lookup", "{\"q\": 1}"));
    fixture.clock.advance(Duration.ofSeconds(30));
    ToolOutcome.Succeeded second = succeeded(call(gateway, agent("b"), "lookup", "{\"q\": 1}"));

    assertThat(first.cacheHit()).isFalse();
    assertThat(second.cacheHit()).isTrue();
    assertThat(second.cacheAgeMs()).isEqualTo(30_000);
    assertThat(second.result()).isEqualTo(first.result());
    assertThat(fixture.tools.executions("lookup")).isEqualTo(1);
  }

  @Test
  void aRepeatedReadIsServedFromMemoryWithoutTheStore() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "lookup", "{}");
    // Empty the store: only the gateway's in-memory layer still has the entry.
    assertThat(fixture.cache.purgeExpired(Fixture.START.plus(Duration.ofDays(365)))).isEqualTo(1);

    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{}")).cacheHit()).isTrue();
    assertThat(fixture.tools.executions("lookup")).isEqualTo(1);
  }

  @Test
  void aNewGatewayFindsEntriesInTheStore() {
    call(fixture.gateway(), agent("a"), "lookup", "{}");
    fixture.clock.advance(Duration.ofSeconds(5));

    // Another instance (or this one restarted) has nothing in memory, but the shared store has it.
    ToolOutcome.Succeeded other = succeeded(call(fixture.gateway(), agent("a"), "lookup", "{}"));

    assertThat(other.cacheHit()).isTrue();
    assertThat(other.cacheAgeMs()).isEqualTo(5_000);
    assertThat(fixture.tools.executions("lookup")).isEqualTo(1);
  }

  @Test
  void entryExpiresAfterTheTtl() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().cacheTtl(Duration.ofMinutes(1)).build());
    call(gateway, agent("a"), "lookup", "{}");
    fixture.clock.advance(Duration.ofSeconds(59));
    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{}")).cacheHit()).isTrue();

    fixture.clock.advance(Duration.ofSeconds(1));

    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{}")).cacheHit()).isFalse();
    assertThat(fixture.tools.executions("lookup")).isEqualTo(2);
  }

  @Test
  void clientsNeverShareEntries() {
    Toolgate gateway = fixture.gateway();
    call(gateway, clientAgent("a", "acme"), "lookup", "{}");

    assertThat(succeeded(call(gateway, clientAgent("b", "globex"), "lookup", "{}")).cacheHit()).isFalse();
    assertThat(succeeded(call(gateway, agent("unscoped"), "lookup", "{}")).cacheHit()).isFalse();
    assertThat(succeeded(call(gateway, clientAgent("c", "acme"), "lookup", "{}")).cacheHit()).isTrue();
    assertThat(fixture.tools.executions("lookup")).isEqualTo(3);
  }

  @Test
  void otherArgumentsMissButKeyOrderDoesNotMatter() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "lookup", "{\"q\": 1, \"r\": 2}");

    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{\"r\": 2, \"q\": 1}")).cacheHit()).isTrue();
    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{\"q\": 2}")).cacheHit()).isFalse();
  }

  @Test
  void nonCacheableToolsAreNeverCached() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "live_lookup", "{}");
    call(gateway, agent("a"), "create_order", "{}");

    assertThat(succeeded(call(gateway, agent("a"), "live_lookup", "{}")).cacheHit()).isFalse();
    assertThat(succeeded(call(gateway, agent("a"), "create_order", "{}")).cacheHit()).isFalse();
    assertThat(fixture.tools.executions("live_lookup")).isEqualTo(2);
    assertThat(fixture.tools.executions("create_order")).isEqualTo(2);
  }

  @Test
  void zeroTtlDisablesTheCache() {
    Toolgate gateway = fixture.gateway(GatewayConfig.custom().cacheTtl(Duration.ZERO).build());
    call(gateway, agent("a"), "lookup", "{}");

    assertThat(succeeded(call(gateway, agent("a"), "lookup", "{}")).cacheHit()).isFalse();
    assertThat(fixture.tools.executions("lookup")).isEqualTo(2);
  }

  @Test
  void failuresAreNotCached() {
    Toolgate gateway = fixture.gateway();
    call(gateway, agent("a"), "missing_lookup", "{}");

    assertThat(call(gateway, agent("a"), "missing_lookup", "{}").code()).isEqualTo("not_found");
    assertThat(fixture.tools.executions("missing_lookup")).isEqualTo(2);
  }
}
