package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditLog;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditLog}: every implementation's test extends this suite.
 * Instants are whole milliseconds because stores may not keep finer precision.
 */
public abstract class AbstractAuditLogContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private AuditLog log;

  /**
   * A new, empty log. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract AuditLog newStore(Clock clock);

  /**
   * The same log after a restart. Persistent logs override this to close {@code log} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected AuditLog reopen(AuditLog log) {
    return log;
  }

  /**
   * A second instance over the same storage, as another gateway process would open it. The race
   * tests spread their callers over both, so a persistent store shows its atomicity holds across
   * processes, not just across threads. The default (one process) returns the same instance.
   */
  protected AuditLog sibling(AuditLog log) {
    return log;
  }

  @BeforeEach
  void createLog() {
    log = newStore(new MutableClock(T0));
  }

  private static AuditEntry entry(
      int n, String keyId, String clientKey, String tool, String outcome, Instant at) {
    return new AuditEntry(
        at,
        "req-" + n,
        keyId,
        clientKey,
        tool,
        Json.parse("{\"customer_id\":\"cus_00" + n + "\",\"secret\":\"[redacted]\",\"n\":" + n + "}"),
        outcome,
        outcome.equals("executed") ? null : outcome,
        10L * n,
        Json.parse("{\"replay\":false,\"attempt\":" + n + "}"));
  }

  private static AuditEntry simple(int n) {
    return entry(n, "key_agent", "demo", "search_customer", "executed", T0.plusMillis(n));
  }

  /** The six records the query tests read, with filters chosen so each matches a distinct subset. */
  private void appendQueryFixture() {
    log.append(entry(1, "key_a", "acme", "search_customer", "executed", T0));
    log.append(entry(2, "key_b", "acme", "create_ticket", "denied", T0.plusSeconds(10)));
    log.append(entry(3, "key_a", "globex", "create_ticket", "executed", T0.plusSeconds(20)));
    log.append(entry(4, "key_b", null, "search_customer", "rate_limited", T0.plusSeconds(30)));
    log.append(entry(5, null, null, null, "unauthenticated", T0.plusSeconds(40)));
    log.append(entry(6, "key_a", "acme", "create_ticket", "executed", T0.plusSeconds(50)));
  }

  private List<Long> seqs(AuditQuery query) {
    return log.read(query).stream().map(AuditRecord::seq).toList();
  }

  private static AuditQuery filter(String tool, String keyId, String clientKey, String outcome) {
    return new AuditQuery(null, tool, keyId, clientKey, outcome, null, null, 100, false);
  }

  /** {@code records} are one chain from its start: seqs from 1, each linked to the previous. */
  private static void assertChain(List<AuditRecord> records) {
    String prev = AuditRecord.GENESIS;
    for (int i = 0; i < records.size(); i++) {
      AuditRecord record = records.get(i);
      assertThat(record.seq()).as("seq at position %d", i).isEqualTo(i + 1L);
      assertThat(record.prevHash()).as("prevHash of seq %d", record.seq()).isEqualTo(prev);
      assertThat(record.hashValid()).as("hash of seq %d", record.seq()).isTrue();
      prev = record.hash();
    }
  }

  @Test
  void chainsFirstRecordToGenesis() {
    AuditEntry first = simple(1);

    AuditRecord record = log.append(first);

    assertThat(record).isEqualTo(AuditRecord.chain(record.chain(), 1, first, AuditRecord.GENESIS));
    assertThat(record.hashValid()).isTrue();
  }

  @Test
  void numbersRecordsWithoutGapsAndChainsEachToThePrevious() {
    List<AuditRecord> appended = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      appended.add(log.append(simple(n)));
    }

    List<AuditRecord> read = log.read(AuditQuery.page(null, 100));

    assertThat(read).isEqualTo(appended);
    assertChain(read);
    for (int i = 0; i < 5; i++) {
      assertThat(read.get(i).entry()).isEqualTo(simple(i + 1));
    }
  }

  @Test
  void lastIsTheRecordWithHighestSeq() {
    assertThat(log.last()).isEmpty();

    log.append(simple(1));
    AuditRecord second = log.append(simple(2));

    assertThat(log.last()).contains(second);
  }

  @Test
  void keepsEachChainGaplessUnderConcurrentAppends() {
    int threads = 10;
    int perThread = 20;

    AuditLog second = sibling(log);
    List<List<AuditRecord>> appended =
        Race.run(
            threads,
            t -> {
              List<AuditRecord> mine = new ArrayList<>();
              AuditLog writer = t % 2 == 0 ? log : second;
              for (int i = 0; i < perThread; i++) {
                mine.add(writer.append(simple(t * perThread + i)));
              }
              return mine;
            });

    int total = threads * perThread;
    List<AuditRecord> all = appended.stream().flatMap(List::stream).toList();
    assertThat(all).extracting(r -> r.chain() + "/" + r.seq()).doesNotHaveDuplicates().hasSize(total);
    Set<String> prevHashes = new HashSet<>();
    all.forEach(r -> prevHashes.add(r.chain() + "/" + r.prevHash()));
    assertThat(prevHashes).hasSize(total);
    assertThat(log.read(AuditQuery.page(null, AuditQuery.MAX_LIMIT))).hasSize(total).containsExactlyInAnyOrderElementsOf(all);
    long inChains = 0;
    for (String chain : log.chains()) {
      List<AuditRecord> read = log.read(AuditQuery.chainPage(chain, null, AuditQuery.MAX_LIMIT));
      assertChain(read);
      inChains += read.size();
    }
    assertThat(inChains).isEqualTo(total);
    assertThat(log.chains()).containsExactlyInAnyOrderElementsOf(all.stream().map(AuditRecord::chain).distinct().toList());
  }

  @Test
  void readsEveryChainInLogOrderAndEachChainOnItsOwn() {
    AuditLog second = sibling(log);
    List<AuditRecord> written = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      // Alternating writers, time rising: on a store with a chain per instance, two interleaved chains.
      written.add((n % 2 == 0 ? second : log).append(entry(n, "key_a", "acme", "search_customer", "executed", T0.plusSeconds(n))));
    }

    assertThat(log.read(AuditQuery.page(null, 100))).containsExactlyElementsOf(written);
    assertThat(log.read(AuditQuery.tail(4))).containsExactly(written.get(5), written.get(4), written.get(3), written.get(2));
    assertThat(log.read(new AuditQuery(null, null, "key_a", null, null, T0.plusSeconds(2), null, 3, false)))
        .containsExactlyElementsOf(written.subList(1, 4));
    for (String chain : log.chains()) {
      List<AuditRecord> own = written.stream().filter(r -> r.chain().equals(chain)).toList();
      assertThat(log.read(AuditQuery.chainPage(chain, null, 100))).containsExactlyElementsOf(own);
      assertThat(log.read(AuditQuery.chainPage(chain, 1L, 100))).containsExactlyElementsOf(own.subList(1, own.size()));
      assertChain(own);
    }
    assertThat(log.last()).contains(written.get(5));
  }

  @Test
  void chainsOntoWhatAnotherInstanceAppendedInBetween() {
    AuditLog second = sibling(log);
    List<AuditRecord> written = new ArrayList<>();
    int n = 0;
    // Runs of one, two and three appends on each instance in turn: whatever either keeps of its own
    // last append must not hide the other's.
    for (int run = 1; run <= 12; run++) {
      AuditLog writer = run % 2 == 0 ? second : log;
      for (int i = 0; i < 1 + run % 3; i++) {
        written.add(writer.append(simple(++n)));
      }
    }

    for (String chain : log.chains()) {
      List<AuditRecord> own = written.stream().filter(r -> r.chain().equals(chain)).toList();
      assertChain(own);
      assertThat(log.read(AuditQuery.chainPage(chain, null, 100))).containsExactlyElementsOf(own);
    }
    assertThat(log.read(AuditQuery.page(null, 100))).hasSize(n);
  }

  @Test
  void aChainOfNoRecordsReadsEmpty() {
    log.append(simple(1));

    assertThat(log.read(AuditQuery.chainPage("no-such-chain", null, 10))).isEmpty();
    assertThat(log.chains()).containsExactly(log.last().orElseThrow().chain());
  }

  @Test
  void filtersByToolKeyClientAndOutcome() {
    appendQueryFixture();

    assertThat(seqs(filter("create_ticket", null, null, null))).containsExactly(2L, 3L, 6L);
    assertThat(seqs(filter(null, "key_b", null, null))).containsExactly(2L, 4L);
    assertThat(seqs(filter(null, null, "acme", null))).containsExactly(1L, 2L, 6L);
    assertThat(seqs(filter(null, null, null, "executed"))).containsExactly(1L, 3L, 6L);
    assertThat(seqs(filter("create_ticket", "key_a", "acme", "executed"))).containsExactly(6L);
    assertThat(seqs(filter("no_such_tool", null, null, null))).isEmpty();
  }

  @Test
  void filtersByTimeWithSinceInclusiveAndUntilExclusive() {
    appendQueryFixture();

    AuditQuery window = new AuditQuery(null, null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(40), 100, false);
    AuditQuery since = new AuditQuery(null, null, null, null, null, T0.plusSeconds(40), null, 100, false);
    AuditQuery until = new AuditQuery(null, null, null, null, null, null, T0.plusSeconds(10), 100, false);

    assertThat(seqs(window)).containsExactly(2L, 3L, 4L);
    assertThat(seqs(since)).containsExactly(5L, 6L);
    assertThat(seqs(until)).containsExactly(1L);
  }

  @Test
  void pagesForwardAfterSeq() {
    appendQueryFixture();

    assertThat(seqs(AuditQuery.page(null, 2))).containsExactly(1L, 2L);
    assertThat(seqs(AuditQuery.page(2L, 2))).containsExactly(3L, 4L);
    assertThat(seqs(AuditQuery.page(4L, 2))).containsExactly(5L, 6L);
    assertThat(seqs(AuditQuery.page(6L, 2))).isEmpty();
  }

  @Test
  void readsNewestFirstUpToLimit() {
    appendQueryFixture();

    assertThat(seqs(AuditQuery.tail(2))).containsExactly(6L, 5L);
    assertThat(seqs(AuditQuery.tail(100))).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(seqs(new AuditQuery(null, null, "key_a", null, null, null, null, 2, true))).containsExactly(6L, 3L);
    assertThat(seqs(new AuditQuery(3L, null, null, null, null, null, null, 100, true))).containsExactly(6L, 5L, 4L);
  }

  @Test
  void appliesLimitAfterFilter() {
    appendQueryFixture();

    assertThat(seqs(new AuditQuery(null, null, null, null, "executed", null, null, 2, false)))
        .containsExactly(1L, 3L);
  }

  @Test
  void keepsEveryEntryFieldIncludingNullsAndJson() {
    AuditEntry rich =
        new AuditEntry(
            T0.plusMillis(123),
            "req-rich",
            "key_agent",
            "demo",
            "create_ticket",
            Json.parse(
                "{\"subject\":\"Grüße \\\"VIP\\\" ✓\",\"tags\":[\"a\",1,2.5,true,null],\"nested\":{\"z\":1,\"a\":{}}}"),
            "failed",
            "upstream_error",
            1234,
            Json.parse("{\"big\":9007199254740993,\"ratio\":0.1,\"list\":[]}"));
    AuditEntry bare = new AuditEntry(T0.plusMillis(124), "req-bare", null, null, null, null, "unauthenticated", null, 0, null);

    log.append(rich);
    log.append(bare);

    List<AuditRecord> read = log.read(AuditQuery.page(null, 10));
    assertThat(read).extracting(AuditRecord::entry).containsExactly(rich, bare);
    assertChain(read);
  }

  @Test
  void chainSurvivesRestartAndContinues() {
    List<AuditRecord> before = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      before.add(log.append(simple(n)));
    }
    before.add(
        log.append(
            new AuditEntry(
                T0.plusMillis(4), "req-4", null, null, null, Json.parse("{\"x\":[1,{\"y\":\"ü\"}],\"d\":1.25}"),
                "denied", "tool_not_allowed", 0, null)));

    log = reopen(log);

    List<AuditRecord> after = log.read(AuditQuery.page(null, 100));
    assertThat(after).isEqualTo(before);
    assertChain(after);
    assertThat(log.last()).contains(before.get(3));

    // A store continues the chain after a restart, or starts a new one (one chain per process).
    AuditRecord next = log.append(simple(5));
    String chain = before.get(3).chain();
    if (next.chain().equals(chain)) {
      assertThat(next.seq()).isEqualTo(5L);
      assertThat(next.prevHash()).isEqualTo(before.get(3).hash());
    } else {
      assertThat(next.seq()).isEqualTo(1L);
      assertThat(next.prevHash()).isEqualTo(AuditRecord.GENESIS);
    }
    assertThat(next.hashValid()).isTrue();
    assertThat(log.read(AuditQuery.chainPage(chain, null, 100)))
        .extracting(AuditRecord::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, next.chain().equals(chain) ? 5 : 4).boxed().toList());
    assertThat(log.read(AuditQuery.page(null, 100))).hasSize(5).last().isEqualTo(next);
  }
}
