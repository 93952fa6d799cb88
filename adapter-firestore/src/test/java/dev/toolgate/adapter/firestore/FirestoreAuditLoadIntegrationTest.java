package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.call.CallToolCommand;
import dev.toolgate.core.call.ToolOutcome;
import dev.toolgate.ports.Json;
import dev.toolgate.ports.auth.RateLimitSpec;
import dev.toolgate.ports.auth.Role;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two gateway instances on one emulator sustain audited calls (cached {@code search_customer}: an
 * audit append and a usage increment each) for {@link #RUN_SECONDS} s, while the writes to the hot
 * documents are counted: the audit head (moved once per committed batch, counted by each
 * instance's {@link FirestoreAuditLog#headMoves()} and summed, since both move the same document)
 * and the usage shards (each shard's {@code calls} counter is the number of writes it took). Every
 * record document is created once, by construction. Reports the rates in the log.
 */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditLoadIntegrationTest {
  private static final Logger LOG = LoggerFactory.getLogger(FirestoreAuditLoadIntegrationTest.class);
  /** A key whose own rate limit is far above what the run reaches: the load is the point here. */
  private static final Principal AGENT =
      new Principal(
          "key_agent", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), new RateLimitSpec(1_000_000, Duration.ofSeconds(1)));
  private static final int RUN_SECONDS = 10;
  private static final int CALLERS_PER_INSTANCE = 16;

  private final List<FirestoreStores> stores = new ArrayList<>();
  private final List<Toolgate> gateways = new ArrayList<>();
  private StoresOnEmulator emulator;
  private ExecutorService pool;

  @BeforeEach
  void startTwoInstances() {
    emulator = new StoresOnEmulator(Clock.systemUTC());
    for (int instance = 0; instance < 2; instance++) {
      FirestoreStores opened = FirestoreStores.open(emulator.config());
      stores.add(opened);
      gateways.add(
          Toolgate.builder().stores(opened).supportDesk(opened.supportDesk()).build());
    }
    pool = Executors.newFixedThreadPool(2 * CALLERS_PER_INSTANCE + 1);
  }

  @AfterEach
  void stopInstances() {
    pool.shutdownNow();
    gateways.forEach(Toolgate::close);
    stores.forEach(FirestoreStores::close);
  }

  @Test
  void twoInstancesSustainAuditedCallsWithHotDocumentWritesBatchedAndSharded() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
    AtomicLong acknowledged = new AtomicLong();
    List<Future<Long>> callers = new ArrayList<>();
    for (int c = 0; c < 2 * CALLERS_PER_INSTANCE; c++) {
      Toolgate gateway = gateways.get(c % 2);
      callers.add(pool.submit(() -> {
        long mine = 0;
        while (System.nanoTime() < deadline) {
          ToolOutcome outcome = gateway.calls().call(new CallToolCommand(
              AGENT, "search_customer", Json.parse("{\"query\":\"acme\",\"limit\":5}"), null, "req-" + System.nanoTime()));
          assertThat(outcome.code()).isEqualTo("ok");
          mine++;
          acknowledged.incrementAndGet();
        }
        return mine;
      }));
    }
    Future<Long> busiestHeadSecond = pool.submit(() -> sampleBusiestSecond(deadline));
    long calls = 0;
    for (Future<Long> caller : callers) {
      calls += caller.get(RUN_SECONDS + 60, TimeUnit.SECONDS);
    }

    long headMoves = headMoves();
    List<AuditRecord> records = allRecords();
    long busiestShard = busiestUsageShardWrites();
    LOG.info(
        "two instances, {} s: {} audited calls ({} /s); audit head moved {} times ({} /s, busiest second {}), "
            + "{} records per commit; busiest usage shard {} writes ({} /s)",
        RUN_SECONDS, calls, calls / RUN_SECONDS, headMoves, (double) headMoves / RUN_SECONDS,
        busiestHeadSecond.get(), (double) calls / headMoves, busiestShard, (double) busiestShard / RUN_SECONDS);

    // No acknowledged call without its record, none twice, one valid chain.
    assertThat(records).hasSize((int) calls);
    assertThat(calls).isEqualTo(acknowledged.get());
    String previous = AuditRecord.GENESIS;
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).seq()).isEqualTo(i + 1L);
      assertThat(records.get(i).prevHash()).isEqualTo(previous);
      assertThat(records.get(i).hashValid()).isTrue();
      previous = records.get(i).hash();
    }
    // Batching: the head moves far less often than once per call. (On this single-head design the
    // head still takes several writes per second under load; see ADR 0012.)
    assertThat(headMoves).isLessThan(calls / 3);
    // Sharding: no usage document takes more than about its share of the calls.
    assertThat(busiestShard).isLessThan(calls / 4);
  }

  private long headMoves() {
    return stores.stream().mapToLong(s -> ((FirestoreAuditLog) s.audit()).headMoves()).sum();
  }

  private long sampleBusiestSecond(long deadline) throws InterruptedException {
    long busiest = 0;
    long before = headMoves();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = headMoves();
      busiest = Math.max(busiest, now - before);
      before = now;
    }
    return busiest;
  }

  private List<AuditRecord> allRecords() {
    List<AuditRecord> all = new ArrayList<>();
    Long after = null;
    while (true) {
      List<AuditRecord> page = stores.get(1).audit().read(AuditQuery.page(after, AuditQuery.MAX_LIMIT));
      all.addAll(page);
      if (page.size() < AuditQuery.MAX_LIMIT) {
        return all;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  private long busiestUsageShardWrites() {
    return emulator.byHand(firestore -> firestore.collection(CollectionNames.USAGE).get().get().getDocuments().stream()
        .mapToLong(d -> d.getLong("calls"))
        .max()
        .orElse(0));
  }
}
