package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditCheckpoint;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention contract of {@link AuditLog} ({@link AuditLog#prune}, {@link AuditLog#checkpoint}),
 * for the stores that prune. Kept apart from {@link AbstractAuditLogContractTest} so that a store
 * that cannot prune can still pass that one. Every test writes through one instance, so the log
 * has one chain.
 */
public abstract class AbstractAuditRetentionContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private AuditLog log;

  /** A new, empty log. */
  protected abstract AuditLog newStore(Clock clock);

  /** The same log after a restart; the default keeps the instance. */
  protected AuditLog reopen(AuditLog log) {
    return log;
  }

  @BeforeEach
  void createLog() {
    log = newStore(new MutableClock(T0));
  }

  private static AuditEntry at(int n, Instant at) {
    return new AuditEntry(
        at, "req-" + n, "key_agent", "demo", "search_customer", Json.parse("{\"n\":" + n + "}"),
        "cache_hit", null, 1, null);
  }

  /** Records 1..count, record n at T0 + n seconds. */
  private List<AuditRecord> appendSeconds(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count)
        .mapToObj(n -> log.append(at(n, T0.plusSeconds(n))))
        .toList();
  }

  private List<AuditRecord> all() {
    return log.read(AuditQuery.chainPage(chain(), null, 1000));
  }

  /** The log's one chain. */
  private String chain() {
    assertThat(log.chains()).hasSize(1);
    return log.chains().get(0);
  }

  @Test
  void hasNoCheckpointUntilSomethingIsPruned() {
    appendSeconds(3);

    assertThat(log.prune(chain(), T0, Long.MAX_VALUE)).isZero();
    assertThat(log.checkpoint(chain())).isEmpty();
    assertThat(all()).hasSize(3);
  }

  @Test
  void prunesTheRecordsBeforeTheInstantAndKeepsTheLastOneAsCheckpoint() {
    List<AuditRecord> written = appendSeconds(5);

    long deleted = log.prune(chain(), T0.plusSeconds(4), Long.MAX_VALUE);

    assertThat(deleted).isEqualTo(3);
    AuditRecord third = written.get(2);
    assertThat(log.checkpoint(chain())).contains(new AuditCheckpoint(third.chain(), 3, third.hash(), third.entry().at()));
    List<AuditRecord> kept = all();
    assertThat(kept).extracting(AuditRecord::seq).containsExactly(4L, 5L);
    assertThat(kept.get(0).prevHash()).isEqualTo(third.hash());
  }

  @Test
  void neverPrunesTheHeadSoTheNextAppendStillChains() {
    List<AuditRecord> written = appendSeconds(4);

    assertThat(log.prune(chain(), T0.plusSeconds(3600), Long.MAX_VALUE)).isEqualTo(3);

    AuditRecord next = log.append(at(5, T0.plusSeconds(5)));
    assertThat(next.seq()).isEqualTo(5);
    assertThat(next.prevHash()).isEqualTo(written.get(3).hash());
    assertThat(next.hashValid()).isTrue();
    assertThat(all()).extracting(AuditRecord::seq).containsExactly(4L, 5L);
  }

  @Test
  void stopsAtTheFirstRecentRecordEvenIfOlderOnesFollowIt() {
    // Concurrent calls are chained in arrival order, so times need not rise with seq.
    log.append(at(1, T0.plusSeconds(1)));
    log.append(at(2, T0.plusSeconds(9)));
    log.append(at(3, T0.plusSeconds(2)));
    log.append(at(4, T0.plusSeconds(10)));

    assertThat(log.prune(chain(), T0.plusSeconds(5), Long.MAX_VALUE)).isEqualTo(1);
    assertThat(all()).extracting(AuditRecord::seq).containsExactly(2L, 3L, 4L);
    assertThat(log.checkpoint(chain())).map(AuditCheckpoint::seq).contains(1L);
  }

  @Test
  void deletesNoFurtherThanThroughSeq() {
    List<AuditRecord> written = appendSeconds(5);

    assertThat(log.prune(chain(), T0.plusSeconds(3600), 2)).isEqualTo(2);
    assertThat(log.checkpoint(chain())).map(AuditCheckpoint::hash).contains(written.get(1).hash());
    assertThat(all()).extracting(AuditRecord::seq).containsExactly(3L, 4L, 5L);
  }

  @Test
  void prunesAgainFromTheCheckpoint() {
    List<AuditRecord> written = appendSeconds(6);

    log.prune(chain(), T0.plusSeconds(3), Long.MAX_VALUE);
    log.prune(chain(), T0.plusSeconds(5), Long.MAX_VALUE);

    assertThat(log.checkpoint(chain())).map(AuditCheckpoint::hash).contains(written.get(3).hash());
    assertThat(all()).extracting(AuditRecord::seq).containsExactly(5L, 6L);
  }

  @Test
  void checkpointSurvivesRestart() {
    List<AuditRecord> written = appendSeconds(3);
    log.prune(chain(), T0.plusSeconds(3), Long.MAX_VALUE);

    log = reopen(log);

    assertThat(log.checkpoint(chain())).map(AuditCheckpoint::hash).contains(written.get(1).hash());
    AuditRecord next = log.append(at(4, T0.plusSeconds(4)));
    // A store may continue the chain after a restart, or start a new one (one chain per process).
    assertThat(next.prevHash())
        .isEqualTo(next.chain().equals(written.get(2).chain()) ? written.get(2).hash() : AuditRecord.GENESIS);
    assertThat(log.checkpoint(written.get(2).chain())).map(AuditCheckpoint::hash).contains(written.get(1).hash());
  }

  @Test
  void prunesNothingOfAnUnknownChain() {
    appendSeconds(3);

    assertThat(log.prune("no-such-chain", T0.plusSeconds(3600), Long.MAX_VALUE)).isZero();
    assertThat(log.checkpoint("no-such-chain")).isEmpty();
    assertThat(all()).hasSize(3);
  }
}
