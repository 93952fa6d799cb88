package dev.toolgate.bench;

import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A durable audit append on a real SQLite file (WAL, {@code synchronous=NORMAL}): from one thread each
 * append is its own commit; from 16 the group-commit writer batches them, so compare ops/s.
 */
@State(Scope.Benchmark)
public class SqliteAuditAppendBenchmark {
  private BenchGateway gateway;
  private AuditEntry entry;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    entry = BenchGateway.cachedReadEntry();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  @Threads(1)
  public AuditRecord append1Thread() {
    return gateway.stores.audit().append(entry);
  }

  @Benchmark
  @Threads(16)
  public AuditRecord append16Threads() {
    return gateway.stores.audit().append(entry);
  }
}
