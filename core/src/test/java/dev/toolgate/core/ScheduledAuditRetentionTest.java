package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.core.audit.AuditSegmentFiles;
import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.audit.ChainWalk;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance run prunes audit records older than the configured retention, archived first. */
class ScheduledAuditRetentionTest {
  private final Fixture fixture = new Fixture();
  private final Principal operator = principal("op", Role.OPERATOR);

  ScheduledAuditRetentionTest() {
    fixture.tools.read("lookup");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private GatewayConfig retention(Duration keep, Path archiveDir) {
    return GatewayConfig.custom().maintenanceInterval(Duration.ZERO).auditRetention(keep).auditArchiveDir(archiveDir).build();
  }

  /** Three calls on day one, three on day three. */
  private void callsOnTwoDays(Toolgate gateway) {
    for (int i = 0; i < 3; i++) {
      call(gateway, agent("a"), "lookup", "{\"i\":" + i + "}");
    }
    fixture.clock.advance(Duration.ofDays(2));
    for (int i = 3; i < 6; i++) {
      call(gateway, agent("a"), "lookup", "{\"i\":" + i + "}");
    }
  }

  @Test
  void recordsPastTheRetentionArePrunedAfterBeingArchivedAndTheRestVerifies(@TempDir Path dir) throws Exception {
    Path archiveDir = dir.resolve("archive");
    Toolgate gateway = fixture.gateway(retention(Duration.ofDays(1), archiveDir));
    callsOnTwoDays(gateway);

    assertThat(gateway.maintenance().purgeNow().auditRecords()).isEqualTo(3);

    Path archive = archiveDir.resolve("audit-1-3.jsonl.gz");
    ChainWalk walk = AuditSegmentFiles.verify(archive);
    assertThat(walk.result().valid()).isTrue();
    // The archive ends where the kept chain starts, and the kept chain verifies from there.
    assertThat(walk.lastHash()).isEqualTo(gateway.audit().checkpoints(operator).get(0).hash());
    assertThat(gateway.audit().verify(operator)).isEqualTo(new ChainVerification(true, 4, null, null));
    try (Stream<Path> files = Files.list(archiveDir)) {
      assertThat(files).containsExactly(archive);
    }
    List<AuditRecord> records = fixture.auditRecords();
    AuditRecord pruned = records.get(records.size() - 1);
    assertThat(pruned.entry().outcome()).isEqualTo("audit_pruned");
    assertThat(pruned.entry().keyId()).isNull();
    assertThat(pruned.entry().details().path("archives").path(0).asText()).isEqualTo("audit-1-3.jsonl.gz");
    // Nothing more is old enough: a second run deletes nothing and writes no file.
    assertThat(gateway.maintenance().purgeNow().auditRecords()).isZero();
  }

  @Test
  void withoutAnArchiveDirTheOldRecordsAreOnlyPruned() {
    Toolgate gateway = fixture.gateway(retention(Duration.ofDays(1), null));
    callsOnTwoDays(gateway);

    assertThat(gateway.maintenance().purgeNow().auditRecords()).isEqualTo(3);
    assertThat(gateway.audit().checkpoints(operator).get(0).seq()).isEqualTo(3);
    assertThat(gateway.audit().verify(operator).valid()).isTrue();
  }

  @Test
  void withoutARetentionEveryRecordIsKept() {
    Toolgate gateway = fixture.gateway(retention(null, null));
    callsOnTwoDays(gateway);

    assertThat(gateway.maintenance().purgeNow().auditRecords()).isZero();
    assertThat(gateway.audit().checkpoints(operator)).isEmpty();
  }
}
