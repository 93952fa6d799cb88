package dev.toolgate.core;

import static dev.toolgate.core.Fixture.agent;
import static dev.toolgate.core.Fixture.call;
import static dev.toolgate.core.Fixture.principal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.core.audit.ChainVerification;
import dev.toolgate.core.audit.ChainWalk;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Export-then-prune of the oldest audit segment, and verification from the checkpoint. */
class AuditRetentionTest {
  private final Fixture fixture = new Fixture();
  private final Principal operator = principal("op", Role.OPERATOR);
  private final Principal admin = principal("adm", Role.ADMIN);

  AuditRetentionTest() {
    fixture.tools.read("lookup");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  /** Six calls a minute apart; returns the instant between the third and the fourth. */
  private Instant sixCalls(Toolgate gateway) {
    Instant cut = null;
    for (int i = 0; i < 6; i++) {
      fixture.clock.advance(Duration.ofMinutes(1));
      if (i == 3) {
        cut = fixture.clock.instant();
      }
      call(gateway, agent("a"), "lookup", "{\"i\":" + i + "}");
    }
    return cut;
  }

  @Test
  void exportedSegmentIsWhatPruneDeletesAndTheRestVerifiesFromTheCheckpoint() {
    Toolgate gateway = fixture.gateway();
    Instant cut = sixCalls(gateway);
    List<AuditRecord> segment = new ArrayList<>();

    long lastSeq = gateway.audit().exportSegment(operator, cut, segment::add);
    long deleted = gateway.audit().prune(admin, cut, null, "req-prune").deleted();
    assertThat(lastSeq).isEqualTo(3);

    assertThat(segment).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
    assertThat(deleted).isEqualTo(3);
    assertThat(gateway.audit().checkpoints(operator))
        .containsExactly(new AuditCheckpoint(3, segment.get(2).hash(), segment.get(2).entry().at()));
    // Records 4-6 and the audit_pruned record, checked from the checkpoint.
    assertThat(gateway.audit().verify(operator)).isEqualTo(new ChainVerification(true, 4, null, null));
    AuditRecord pruned = fixture.auditRecords().get(fixture.auditRecords().size() - 1);
    assertThat(pruned.entry().outcome()).isEqualTo("audit_pruned");
    assertThat(pruned.entry().details().path("deleted").asLong()).isEqualTo(3);
  }

  @Test
  void anExportedSegmentVerifiesOfflineAndEndsAtTheCheckpoint() {
    Toolgate gateway = fixture.gateway();
    Instant cut = sixCalls(gateway);
    List<AuditRecord> segment = new ArrayList<>();
    gateway.audit().exportSegment(operator, cut, segment::add);
    gateway.audit().prune(admin, cut, null, "req-prune");

    ChainWalk walk = ChainWalk.fromFirstRecord();
    segment.forEach(walk::accept);

    assertThat(walk.result().valid()).isTrue();
    assertThat(walk.lastHash()).isEqualTo(gateway.audit().checkpoints(operator).get(0).hash());
  }

  @Test
  void anEditedLineInASegmentIsFound() {
    Toolgate gateway = fixture.gateway();
    Instant cut = sixCalls(gateway);
    List<AuditRecord> segment = new ArrayList<>();
    gateway.audit().exportSegment(operator, cut, segment::add);
    var edited = segment.get(1).toJson().put("outcome", "denied");

    ChainWalk walk = ChainWalk.fromFirstRecord();
    walk.accept(segment.get(0));
    walk.accept(AuditRecord.fromJson(edited));

    assertThat(walk.result().valid()).isFalse();
    assertThat(walk.result().firstBadSeq()).isEqualTo(2);
  }

  @Test
  void neverExportsOrPrunesTheNewestRecord() {
    Toolgate gateway = fixture.gateway();
    sixCalls(gateway);
    Instant later = fixture.clock.instant().plusSeconds(3600);

    long lastSeq = gateway.audit().exportSegment(operator, later, r -> { });

    assertThat(lastSeq).isEqualTo(5);
    assertThat(gateway.audit().prune(admin, later, null, "req-prune").deleted()).isEqualTo(5);
    assertThat(gateway.audit().verify(operator).valid()).isTrue();
  }

  @Test
  void onlyAdminsPruneAndTheRefusalIsAudited() {
    Toolgate gateway = fixture.gateway();
    Instant cut = sixCalls(gateway);

    assertThatThrownBy(() -> gateway.audit().prune(operator, cut, null, "req-x"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("admin");
    assertThat(gateway.audit().checkpoints(operator)).isEmpty();
    AuditRecord refused = fixture.auditRecords().get(fixture.auditRecords().size() - 1);
    assertThat(refused.entry().outcome()).isEqualTo("forbidden");
  }

  @Test
  void aClientScopedReaderCannotExportASegment() {
    Toolgate gateway = fixture.gateway();
    Principal scoped = new Principal("s", "s", Set.of(Role.OPERATOR), "acme", Set.of(),
        Set.of(), null);

    assertThatThrownBy(() -> gateway.audit().exportSegment(scoped, Instant.now(), r -> { }))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("every client");
  }
}
