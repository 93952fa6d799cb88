package dev.toolgate.core.cache;

import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.ResponseCache;
import dev.toolgate.ports.tool.ToolDefinition;
import dev.toolgate.ports.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache step of the pipeline: a cacheable (read-only) tool's successful result is kept per
 * (client, tool, canonical arguments) for the configured TTL, and a hit answers without running the
 * tool. A cache that fails only costs speed: the tool runs. Wired by {@code ToolgateBuilder}; not API.
 */
public final class ResponseCacheGate {
  private static final Logger log = LoggerFactory.getLogger(ResponseCacheGate.class);

  private final ResponseCache cache;
  private final GatewayConfig config;
  private final Clock clock;

  public ResponseCacheGate(ResponseCache cache, GatewayConfig config, Clock clock) {
    this.cache = cache;
    this.config = config;
    this.clock = clock;
  }

  /** The cached outcome of this call if there is one, otherwise {@code run}'s, stored when it succeeded. */
  public ToolOutcome through(CallToolCommand command, ToolDefinition tool, Supplier<ToolOutcome> run) {
    if (!tool.annotations().cacheable() || config.cacheTtl().isZero()) {
      return run.get();
    }
    String key = key(command);
    Optional<ToolOutcome> hit = hit(tool.name(), key);
    if (hit.isPresent()) {
      return hit.get();
    }
    ToolOutcome outcome = run.get();
    if (outcome.isSuccess()) {
      Instant now = clock.instant();
      try {
        ToolOutcome.Succeeded succeeded = (ToolOutcome.Succeeded) outcome;
        cache.put(new CachedResponse(key, succeeded.result().toJson(), now, now.plus(config.cacheTtl())));
      } catch (PortException e) {
        log.warn("could not store result of {} in the cache (request {})", tool.name(), command.requestId(), e);
      }
    }
    return outcome;
  }

  private Optional<ToolOutcome> hit(String tool, String key) {
    Instant now = clock.instant();
    Optional<CachedResponse> hit;
    try {
      hit = cache.get(key, now);
    } catch (PortException e) {
      log.warn("cache lookup for {} failed; running the tool", tool, e);
      return Optional.empty();
    }
    return hit.map(
        response ->
            new ToolOutcome.Succeeded(
                tool,
                ToolResult.fromJson(response.value()),
                false,
                true,
                Math.max(0, Duration.between(response.storedAt(), now).toMillis()),
                null));
  }

  /** Results are cached per client, so one tenant never sees another's data. */
  private static String key(CallToolCommand command) {
    String client = command.principal().clientKey();
    return Json.sha256(
        (client == null ? "-" : client) + "\n" + command.tool() + "\n" + Json.canonical(command.arguments()));
  }
}
