package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.audit.AuditRetention;
import dev.toolgate.core.audit.AuditSegmentFiles;
import dev.toolgate.core.audit.ChainWalk;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on Firestore through the gateway, with two instances and so two chains: export-then-prune
 * writes one archive per chain, each verifying offline up to its chain's checkpoint, and the kept
 * chains verify from their checkpoints.
 */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditPruneIntegrationTest {
  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Principal ADMIN = new Principal("key_admin", "admin", Set.of(Role.ADMIN), null, Set.of(), Set.of(), null);

  private final StoresOnEmulator emulator = new StoresOnEmulator(Clock.systemUTC());

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void prunesEachChainArchivingItFirstAndEveryKeptChainVerifies(@TempDir Path archiveDir) throws Exception {
    FirestoreStores one = emulator.open();
    FirestoreStores two = emulator.sibling();
    for (int n = 1; n <= 4; n++) {
      one.audit().append(entry(n, OLD.plusSeconds(n)));
      two.audit().append(entry(10 + n, OLD.plusSeconds(n)));
    }
    Toolgate gateway = Toolgate.builder().stores(one).build();

    AuditRetention.Pruned pruned = gateway.audit().prune(ADMIN, OLD.plusSeconds(3), archiveDir, "req-prune");

    // Of each chain, records 1 and 2 (before the cut); the prune's own audit record is newer.
    assertThat(pruned.deleted()).isEqualTo(4);
    assertThat(pruned.archives()).hasSize(2);
    List<AuditCheckpoint> checkpoints = gateway.audit().checkpoints(ADMIN);
    assertThat(checkpoints).extracting(AuditCheckpoint::seq).containsOnly(2L);
    for (Path archive : pruned.archives()) {
      ChainWalk walk = AuditSegmentFiles.verify(archive);
      assertThat(walk.result().valid()).isTrue();
      assertThat(walk.result().checked()).isEqualTo(2);
      assertThat(checkpoints).extracting(AuditCheckpoint::hash).contains(walk.lastHash());
    }
    for (AuditCheckpoint checkpoint : checkpoints) {
      List<AuditRecord> kept = one.audit().read(AuditQuery.chainPage(checkpoint.chain(), null, 100));
      assertThat(kept.get(0).seq()).isEqualTo(3);
      assertThat(kept.get(0).prevHash()).isEqualTo(checkpoint.hash());
    }
    var verified = gateway.audit().verify(ADMIN);
    assertThat(verified.valid()).as(verified.problem()).isTrue();
    // Two records kept in each chain, and the audit_pruned record.
    assertThat(verified.checked()).isEqualTo(5);
    gateway.close();
  }

  private static AuditEntry entry(int n, Instant at) {
    return new AuditEntry(at, "req-" + n, "key_agent", "demo", "search_customer", Json.object().put("n", n), "cache_hit", null, 1, null);
  }
}
