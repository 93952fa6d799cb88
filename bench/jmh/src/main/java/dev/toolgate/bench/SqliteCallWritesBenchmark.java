package dev.toolgate.bench;

import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.PreparedAuditEntry;
import dev.toolgate.ports.state.UsageEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What every guarded call writes at its end on SQLite — its audit record and its usage count, in one
 * commit group as {@code CallToolService} does — from 16 threads, so the group-commit writer batches
 * them: the serial path every call waits on.
 */
@State(Scope.Benchmark)
public class SqliteCallWritesBenchmark {
  private BenchGateway gateway;
  private AuditEntry entry;
  private UsageEvent usage;

  @Setup(Level.Trial)
  public void setUp() {
    gateway = new BenchGateway();
    entry = BenchGateway.cachedReadEntry();
    usage =
        new UsageEvent(
            LocalDate.ofInstant(entry.at(), ZoneOffset.UTC), null, entry.tool(), false, 2, 0, 0, BigDecimal.ZERO);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  @Threads(16)
  public void auditAndUsage16Threads() {
    // Prepared on the calling thread before the group, as CallToolService does.
    PreparedAuditEntry prepared = PreparedAuditEntry.of(entry);
    gateway.stores.commitGroup().together(() -> {
      gateway.stores.audit().append(prepared);
      gateway.stores.usage().record(usage);
    });
  }
}
