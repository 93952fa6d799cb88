package dev.toolgate.adapter.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.toolgate.adapter.firestore.testing.FirestoreEmulatorExtension;
import dev.toolgate.core.Principal;
import dev.toolgate.core.Toolgate;
import dev.toolgate.core.audit.ChainVerification;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * audit append and a usage count each) for {@link #RUN_SECONDS} s, and the test counts the writes
 * to every document the run touched, from the database itself, not from the adapter's word:
 *
 * <ul>
 *   <li>every document in the database is listed before and after the run; a document whose update
 *       time moved was written during the run, and one whose create time equals its update time was
 *       written once;
 *   <li>usage documents, the only ones written repeatedly by design, count their own writes
 *       ({@code flushes}), sampled every second during the run for the busiest second.
 * </ul>
 *
 * Asserted: every document written more than once is a usage document; none took more than
 * {@link #BURST} writes in any sampled second (a flush landing at both ends of one sampling second)
 * nor more than one per second sustained (over the run); every audit record was created once, none
 * is missing or duplicated, and every chain verifies. The rates are logged; ADR 0012 records them.
 * The fleet's throughput floor is {@code -Dtoolgate.loadTest.minCallsPerSecond} (default
 * {@link #DEFAULT_MIN_CALLS_PER_SECOND}): the build machine is shared, so the 200/s of issue 13 is a
 * measurement to report, not a default gate.
 */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreAuditLoadIntegrationTest {
  private static final Logger LOG = LoggerFactory.getLogger(FirestoreAuditLoadIntegrationTest.class);
  /** A key whose own rate limit is far above what the run reaches: the load is the point here. */
  private static final Principal AGENT =
      new Principal(
          "key_agent", "agent", Set.of(Role.AGENT), null, Set.of(), Set.of(), new RateLimitSpec(1_000_000, Duration.ofSeconds(1)));
  private static final Principal OPERATOR =
      new Principal("key_ops", "ops", Set.of(Role.OPERATOR), null, Set.of(), Set.of(), null);
  private static final int RUN_SECONDS = 15;
  private static final int CALLERS_PER_INSTANCE = 16;
  /** Writes a usage document may take in one sampled second: flushes are a second apart, sampling is not aligned with them. */
  private static final long BURST = 2;
  private static final int DEFAULT_MIN_CALLS_PER_SECOND = 20;

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
      gateways.add(Toolgate.builder().stores(opened).supportDesk(opened.supportDesk()).build());
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
  void twoInstancesSustainAuditedCallsWritingNoDocumentMoreThanOncePerSecond() throws Exception {
    // Warm-up: each instance fills its response cache, so the run's calls are cache hits.
    gateways.forEach(gateway -> assertThat(call(gateway).code()).isEqualTo("ok"));
    stores.forEach(s -> ((FirestoreUsageLedger) s.usage()).flush());
    Map<String, DocumentSnapshot> before = emulator.byHand(FirestoreAuditLoadIntegrationTest::everyDocument);

    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
    AtomicLong acknowledged = new AtomicLong();
    List<Future<Long>> callers = new ArrayList<>();
    for (int c = 0; c < 2 * CALLERS_PER_INSTANCE; c++) {
      Toolgate gateway = gateways.get(c % 2);
      callers.add(pool.submit(() -> {
        long mine = 0;
        while (System.nanoTime() < deadline) {
          assertThat(call(gateway).code()).isEqualTo("ok");
          mine++;
          acknowledged.incrementAndGet();
        }
        return mine;
      }));
    }
    Future<Long> busiestUsageSecond = pool.submit(() -> busiestUsageSecond(deadline));
    long calls = 0;
    for (Future<Long> caller : callers) {
      calls += caller.get(RUN_SECONDS + 60, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long busiestSecond = busiestUsageSecond.get(60, TimeUnit.SECONDS);
    stores.forEach(s -> ((FirestoreUsageLedger) s.usage()).flush());
    Map<String, DocumentSnapshot> after = emulator.byHand(FirestoreAuditLoadIntegrationTest::everyDocument);

    // Which documents the run wrote, and which of them more than once.
    List<String> written = new ArrayList<>();
    List<String> rewritten = new ArrayList<>();
    after.forEach((path, document) -> {
      DocumentSnapshot old = before.get(path);
      if (old == null || !old.getUpdateTime().equals(document.getUpdateTime())) {
        written.add(path);
        if (old != null || !document.getCreateTime().equals(document.getUpdateTime())) {
          rewritten.add(path);
        }
      }
    });
    long usageWrites = 0;
    long busiestUsageDocument = 0;
    for (String path : rewritten) {
      assertThat(path).as("a document written more than once").startsWith(CollectionNames.USAGE + "/");
      long flushes = after.get(path).getLong("flushes") - (before.containsKey(path) ? before.get(path).getLong("flushes") : 0);
      usageWrites += flushes;
      busiestUsageDocument = Math.max(busiestUsageDocument, flushes);
    }
    List<AuditRecord> records = allRecords();
    long commits = stores.stream().mapToLong(s -> ((FirestoreAuditLog) s.audit()).writer().commits()).sum();
    LOG.info(
        "two instances, {} s: {} audited calls ({} /s); {} documents written, {} of them more than once (usage: {} writes,"
            + " busiest document {} = {} /s sustained, busiest sampled second {}); {} audit commits ({} records per commit)",
        String.format("%.1f", seconds), calls, String.format("%.0f", calls / seconds), written.size(), rewritten.size(),
        usageWrites, busiestUsageDocument, String.format("%.2f", busiestUsageDocument / seconds), busiestSecond, commits,
        String.format("%.1f", (double) calls / Math.max(1, commits)));

    // No acknowledged call without its record (two warm-up calls besides), none twice, every chain valid.
    assertThat(calls).isEqualTo(acknowledged.get());
    assertThat(records).hasSize((int) calls + 2);
    assertThat(records).extracting(r -> r.chain() + "/" + r.seq()).doesNotHaveDuplicates();
    assertThat(records).extracting(AuditRecord::chain).containsOnly(chains());
    ChainVerification verified = gateways.get(0).audit().verify(OPERATOR);
    assertThat(verified.valid()).as(verified.problem()).isTrue();
    assertThat(verified.checked()).isEqualTo(calls + 2);
    // The bound: at most about one write per second per document.
    assertThat(busiestSecond).isLessThanOrEqualTo(BURST);
    assertThat(busiestUsageDocument).isLessThanOrEqualTo((long) Math.ceil(seconds) + 1);
    long floor = Long.getLong("toolgate.loadTest.minCallsPerSecond", DEFAULT_MIN_CALLS_PER_SECOND);
    assertThat(calls / seconds).as("audited calls per second, both instances").isGreaterThanOrEqualTo(floor);
  }

  private static ToolOutcome call(Toolgate gateway) {
    return gateway.calls().call(new CallToolCommand(
        AGENT, "search_customer", Json.parse("{\"query\":\"acme\",\"limit\":5}"), null, "req-" + System.nanoTime()));
  }

  private String[] chains() {
    return stores.get(0).audit().chains().toArray(String[]::new);
  }

  /** The most writes any usage document took in one second, sampled once a second by a client of its own. */
  private long busiestUsageSecond(long deadline) throws InterruptedException {
    Map<String, Long> last = new HashMap<>();
    long busiest = 0;
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      Map<String, Long> now = emulator.byHand(firestore -> {
        Map<String, Long> flushes = new HashMap<>();
        firestore.collection(CollectionNames.USAGE).get().get().getDocuments()
            .forEach(d -> flushes.put(d.getId(), d.getLong("flushes") == null ? 0 : d.getLong("flushes")));
        return flushes;
      });
      for (Map.Entry<String, Long> document : now.entrySet()) {
        if (last.containsKey(document.getKey())) {
          busiest = Math.max(busiest, document.getValue() - last.get(document.getKey()));
        }
      }
      last = now;
    }
    return busiest;
  }

  private List<AuditRecord> allRecords() {
    List<AuditRecord> all = new ArrayList<>();
    for (String chain : chains()) {
      Long after = null;
      while (true) {
        List<AuditRecord> page = stores.get(1).audit().read(AuditQuery.chainPage(chain, after, AuditQuery.MAX_LIMIT));
        all.addAll(page);
        if (page.size() < AuditQuery.MAX_LIMIT) {
          break;
        }
        after = page.get(page.size() - 1).seq();
      }
    }
    return all;
  }

  /**
   * Every document of the database by path, subcollections included (audit records live in their
   * chain's), read at once. Audit record documents are not asked for subcollections: they have none,
   * and asking costs a call per record.
   */
  private static Map<String, DocumentSnapshot> everyDocument(Firestore firestore) throws Exception {
    Map<String, DocumentSnapshot> documents = new HashMap<>();
    List<CollectionReference> pending = new ArrayList<>();
    firestore.listCollections().forEach(pending::add);
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      CollectionReference collection = pending.remove(pending.size() - 1);
      if (!seen.add(collection.getPath())) {
        continue;
      }
      for (DocumentSnapshot document : collection.get().get().getDocuments()) {
        documents.put(document.getReference().getPath(), document);
        if (!collection.getId().equals(CollectionNames.AUDIT_RECORDS)) {
          document.getReference().listCollections().forEach(pending::add);
        }
      }
    }
    return documents;
  }
}
