package dev.toolgate.bench;

import dev.toolgate.core.Principal;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.ports.auth.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Authenticating a presented key: its SHA-256, a constant-time compare with each of the four fixed
 * keys, and for an issued key ({@code tg_<id>_<secret>}) a lookup by id — on a SQLite reader with the
 * key cache off ({@code TOOLGATE_KEY_CACHE_SECONDS=0}), in memory with it on (the default).
 */
@State(Scope.Benchmark)
public class ApiKeyBenchmark {
  private BenchGateway gateway;
  private BenchGateway uncached;
  private String issuedSecret;
  private String uncachedSecret;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    uncached = new BenchGateway(Duration.ZERO);
    issuedSecret = issue(gateway);
    uncachedSecret = issue(uncached);
  }

  private static String issue(BenchGateway on) {
    return on.toolgate.keys().create(on.admin, NewKey.of("bench-agent", Set.of(Role.AGENT)), "bench").secret();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
    uncached.close();
  }

  @Benchmark
  public Optional<Principal> fixedKey() {
    return gateway.toolgate.keys().authenticate(BenchGateway.FIXED_SECRETS[BenchGateway.FIXED_SECRETS.length - 1]);
  }

  @Benchmark
  public Optional<Principal> issuedKeyFromSqlite() {
    return uncached.toolgate.keys().authenticate(uncachedSecret);
  }

  @Benchmark
  public Optional<Principal> issuedKeyCached() {
    return gateway.toolgate.keys().authenticate(issuedSecret);
  }
}
