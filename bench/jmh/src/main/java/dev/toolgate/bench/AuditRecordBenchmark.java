package dev.toolgate.bench;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** An audit record's hash (SHA-256 over the previous hash and the canonical JSON) and its export form. */
@State(Scope.Benchmark)
public class AuditRecordBenchmark {
  private final AuditEntry entry = BenchGateway.cachedReadEntry();
  private final AuditRecord record = AuditRecord.chain(41, entry, AuditRecord.GENESIS);

  @Benchmark
  public AuditRecord chainHash() {
    return AuditRecord.chain(42, entry, record.hash());
  }

  @Benchmark
  public String toJsonLine() {
    return Json.write(record.toJson());
  }
}
