package dev.toolgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolgate.adapter.sqlite.SqliteConfig;
import dev.toolgate.adapter.sqlite.SqliteStores;
import dev.toolgate.core.GatewayConfig;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A gateway as {@code toolgate serve} assembles it — SQLite stores in a fresh file, the support
 * toolset, the seeds' four shared keys — with the rate limit lifted so that it never answers for the
 * code under measurement. Closed by the benchmark's tear-down, which deletes the file.
 */
final class BenchGateway implements AutoCloseable {
  /** The secrets of the seeds' four fixed keys; the last one is the one presented. */
  static final String[] FIXED_SECRETS = {
    "bench-api-key-0001", "bench-app-auth-bearer-0002", "bench-flowchat-key-0003", "bench-x-proxy-key-0004"
  };

  final Path dir;
  final SqliteStores stores;
  final Toolgate toolgate;
  final Principal admin;
  final GatewayConfig config;

  BenchGateway() {
    this(GatewayConfig.defaults().keyCacheTtl());
  }

  /** With issued keys trusted from memory for {@code keyCacheTtl} (zero: every key read from SQLite). */
  BenchGateway(Duration keyCacheTtl) {
    try {
      dir = Files.createTempDirectory("toolgate-jmh-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stores = SqliteStores.open(new SqliteConfig(dir.resolve("toolgate.db")));
    config =
        GatewayConfig.custom()
            .defaultRateLimit(RateLimitSpec.parse("100000000/minute"))
            .keyCacheTtl(keyCacheTtl)
            .build();
    var builder = Toolgate.builder().stores(stores).supportDesk(stores.supportDesk()).config(config);
    for (int i = 0; i < FIXED_SECRETS.length; i++) {
      builder.fixedKey("env-key-" + i, FIXED_SECRETS[i], Set.of(Role.ADMIN));
    }
    toolgate = builder.build();
    admin = toolgate.keys().authenticate(FIXED_SECRETS[FIXED_SECRETS.length - 1]).orElseThrow();
  }

  /** An audited cached read as the pipeline records it: the record the soak's read scenario appends. */
  static AuditEntry cachedReadEntry() {
    JsonNode arguments = Json.parse("{\"query\":\"acme\"}");
    JsonNode details = Json.parse("{\"cache_hit\":true,\"cache_age_ms\":1234}");
    return new AuditEntry(
        Instant.now(), UUID.randomUUID().toString(), "env-key-3", null, "search_customer", arguments,
        "cache_hit", null, 2, details);
  }

  @Override
  public void close() {
    toolgate.close();
    stores.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
