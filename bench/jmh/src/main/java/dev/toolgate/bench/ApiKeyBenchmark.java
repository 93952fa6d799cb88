package dev.toolgate.bench;

import dev.toolgate.core.Principal;
import dev.toolgate.core.auth.NewKey;
import dev.toolgate.ports.auth.Role;
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
 * keys, and for an issued key ({@code tg_<id>_<secret>}) a lookup by id on a SQLite reader.
 */
@State(Scope.Benchmark)
public class ApiKeyBenchmark {
  private BenchGateway gateway;
  private String issuedSecret;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    issuedSecret =
        gateway.toolgate.keys().create(gateway.admin, NewKey.of("bench-agent", Set.of(Role.AGENT)), "bench").secret();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public Optional<Principal> fixedKey() {
    return gateway.toolgate.keys().authenticate(BenchGateway.FIXED_SECRETS[BenchGateway.FIXED_SECRETS.length - 1]);
  }

  @Benchmark
  public Optional<Principal> issuedKeyFromSqlite() {
    return gateway.toolgate.keys().authenticate(issuedSecret);
  }
}
