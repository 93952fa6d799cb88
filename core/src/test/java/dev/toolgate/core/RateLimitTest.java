package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.clientAgent;
import static dev.toolgate.core.Fixture.limitedAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.auth.ClientProfile;
import dev.toolgate.ports.auth.RateLimitSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final Fixture fixture = new Fixture();

  RateLimitTest() {
    fixture.tools.write("create_order");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void refusesCallsOverTheKeyLimitWithRetryAfter() {
    Toolgate gateway = fixture.gateway();
    Principal key = limitedAgent("k1", RateLimitSpec.perMinute(2));

    assertThat(call(gateway, key, "create_order", "{}").isSuccess()).isTrue();
    fixture.clock.advance(Duration.ofSeconds(20));
    assertThat(call(gateway, key, "create_order", "{}").isSuccess()).isTrue();
    ToolOutcome limited = call(gateway, key, "create_order", "{}");

    assertThat(limited).isInstanceOf(ToolOutcome.RateLimited.class);
    ToolOutcome.RateLimited rateLimited = (ToolOutcome.RateLimited) limited;
    assertThat(rateLimited.scope()).isEqualTo("key");
    assertThat(rateLimited.code()).isEqualTo("rate_limited");
    // 2/minute: one token returns every 30 s. At 0 s the full bucket (2) gave one; by 20 s it
    // regained 2/3 of a token and gave another, leaving 2/3: the next third takes 10 s.
    assertThat(rateLimited.retryAfterMs()).isEqualTo(10_000);
    assertThat(fixture.tools.executions("create_order")).isEqualTo(2);
  }

  @Test
  void bucketRefillsAfterItsPeriod() {
    Toolgate gateway = fixture.gateway();
    Principal key = limitedAgent("k1", RateLimitSpec.perMinute(1));
    assertThat(call(gateway, key, "create_order", "{}").isSuccess()).isTrue();
    assertThat(call(gateway, key, "create_order", "{}")).isInstanceOf(ToolOutcome.RateLimited.class);

    fixture.clock.advance(Duration.ofMinutes(1));

    assertThat(call(gateway, key, "create_order", "{}").isSuccess()).isTrue();
  }

  @Test
  void keysHaveSeparateBucketsWithTheDefaultLimit() {
    Toolgate gateway =
        fixture.gateway(GatewayConfig.custom().defaultRateLimit(RateLimitSpec.perMinute(1)).build());

    assertThat(call(gateway, agent("a"), "create_order", "{}").isSuccess()).isTrue();
    assertThat(call(gateway, agent("b"), "create_order", "{}").isSuccess()).isTrue();
    assertThat(call(gateway, agent("a"), "create_order", "{}")).isInstanceOf(ToolOutcome.RateLimited.class);
  }

  @Test
  void clientLimitSpansAllKeysOfTheClient() {
    fixture.clients.upsert(
        new ClientProfile("acme", "Acme", ZoneId.of("UTC"), Set.of(), Set.of(), RateLimitSpec.perMinute(1)));
    Toolgate gateway = fixture.gateway();

    assertThat(call(gateway, clientAgent("a", "acme"), "create_order", "{}").isSuccess()).isTrue();
    ToolOutcome limited = call(gateway, clientAgent("b", "acme"), "create_order", "{}");

    assertThat(limited).isInstanceOf(ToolOutcome.RateLimited.class);
    assertThat(((ToolOutcome.RateLimited) limited).scope()).isEqualTo("client");
    assertThat(((ToolOutcome.RateLimited) limited).retryAfterMs()).isPositive();
    assertThat(call(gateway, clientAgent("c", "other"), "create_order", "{}").isSuccess()).isTrue();
  }
}
