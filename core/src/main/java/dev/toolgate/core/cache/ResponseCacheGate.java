package dev.toolgate.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 *
 * <p>Two layers: a bounded in-memory cache in this process answers repeated reads without touching
 * the store, and the store's {@link ResponseCache} behind it keeps entries across restarts and shares
 * them between instances (Firestore). A result is written to both; a memory miss asks the store and
 * keeps what it finds. Either layer serves an entry only while {@code now < expiresAt}.
 */
public final class ResponseCacheGate {
  /** Entries kept in memory; the least valuable are dropped beyond it (the store still has them). */
  static final long MEMORY_ENTRIES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(ResponseCacheGate.class);

  private final ResponseCache cache;
  private final GatewayConfig config;
  private final Clock clock;
  private final Cache<String, CachedResponse> memory;

  public ResponseCacheGate(ResponseCache cache, GatewayConfig config, Clock clock) {
    this(cache, config, clock, MEMORY_ENTRIES);
  }

  ResponseCacheGate(ResponseCache cache, GatewayConfig config, Clock clock, long memoryEntries) {
    this.cache = cache;
    this.config = config;
    this.clock = clock;
    this.memory = Caffeine.newBuilder().maximumSize(memoryEntries).expireAfter(new UntilExpiresAt(clock)).build();
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
      ToolOutcome.Succeeded succeeded = (ToolOutcome.Succeeded) outcome;
      CachedResponse response = new CachedResponse(key, succeeded.result().toJson(), now, now.plus(config.cacheTtl()));
      memory.put(key, response);
      try {
        cache.put(response);
      } catch (PortException e) {
        log.warn("could not store result of {} in the cache (request {})", tool.name(), command.requestId(), e);
      }
    }
    return outcome;
  }

  private Optional<ToolOutcome> hit(String tool, String key) {
    Instant now = clock.instant();
    Optional<CachedResponse> hit = fromMemory(key, now);
    if (hit.isEmpty()) {
      try {
        hit = cache.get(key, now);
      } catch (PortException e) {
        log.warn("cache lookup for {} failed; running the tool", tool, e);
        return Optional.empty();
      }
      hit.ifPresent(response -> memory.put(key, response));
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

  // Caffeine evicts by its own ticker; the gateway's clock decides what is still served.
  private Optional<CachedResponse> fromMemory(String key, Instant now) {
    CachedResponse response = memory.getIfPresent(key);
    if (response == null) {
      return Optional.empty();
    }
    if (!now.isBefore(response.expiresAt())) {
      memory.asMap().remove(key, response);
      return Optional.empty();
    }
    return Optional.of(response);
  }

  /** Results are cached per client, so one tenant never sees another's data. */
  private static String key(CallToolCommand command) {
    String client = command.principal().clientKey();
    return Json.sha256(
        (client == null ? "-" : client) + "\n" + command.tool() + "\n" + Json.canonical(command.arguments()));
  }

  /** Keeps an entry in memory until its own {@code expiresAt}, however it got there. */
  private record UntilExpiresAt(Clock clock) implements Expiry<String, CachedResponse> {
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    @Override
    public long expireAfterCreate(String key, CachedResponse value, long currentTime) {
      Duration left = Duration.between(clock.instant(), value.expiresAt());
      if (left.isNegative()) {
        return 0;
      }
      return left.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : left.toNanos();
    }

    @Override
    public long expireAfterUpdate(String key, CachedResponse value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(String key, CachedResponse value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
