package dev.toolgate.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolgate.adapter.flowchat.FlowChatToolProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * The FlowChat part of seed 003's {@code /health}: {@code environment} (the {@code ENVIRONMENT}
 * setting), the {@code flowchat_tools} feature and each worker's health, so an operator sees which
 * worker is down. Nothing is added when the FlowChat tools are not configured.
 */
final class FlowChatHealth {
  /** Short: a probe must answer quickly even when a worker hangs. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String environment;
  private final Optional<FlowChatToolProvider> provider;

  FlowChatHealth(ToolgateRuntime runtime) {
    this.environment = runtime.settings().flowchat().environment();
    this.provider = runtime.flowchat();
  }

  String environment() {
    return environment;
  }

  /** Adds the feature and a {@code workers} object to the health body. */
  void describe(ObjectNode body) {
    provider.ifPresent(p -> {
      body.withArray("features").add("flowchat_tools");
      ObjectNode workers = body.putObject("workers");
      p.health(TIMEOUT).forEach(workers::put);
    });
  }
}
