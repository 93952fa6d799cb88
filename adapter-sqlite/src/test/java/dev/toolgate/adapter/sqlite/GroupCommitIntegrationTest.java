package dev.toolgate.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolgate.ports.Json;
import dev.toolgate.ports.PortException;
import dev.toolgate.ports.state.AuditEntry;
import dev.toolgate.ports.state.AuditQuery;
import dev.toolgate.ports.state.AuditRecord;
import dev.toolgate.ports.state.CachedResponse;
import dev.toolgate.ports.state.IdempotencyScope;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit and reader connections: what many threads writing and reading at once may rely on. */
class GroupCommitIntegrationTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-01");

  @TempDir Path directory;
  private SqliteDatabase database;
  private SqliteStores stores;
  private ExecutorService threads;

  @BeforeEach
  void open() {
    stores = SqliteStores.open(new SqliteConfig(directory.resolve("toolgate.db")), Clock.systemUTC());
    database = stores.database();
    threads = Executors.newFixedThreadPool(32);
  }

  @AfterEach
  void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    stores.close();
  }

  @Test
  void concurrentAuditUsageAndCacheWritesShareCommitsAndLoseNothing() throws Exception {
    int callers = 32;
    int perCaller = 40;
    long commitsBefore = database.commits();
    List<Future<List<AuditRecord>>> futures = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < callers; t++) {
      int caller = t;
      futures.add(threads.submit(() -> {
        start.await();
        List<AuditRecord> mine = new ArrayList<>();
        for (int i = 0; i < perCaller; i++) {
          int n = caller * perCaller + i;
          mine.add(stores.audit().append(entry(n)));
          stores.usage().record(new UsageEvent(DAY, "demo", "search_customer", n % 10 == 0, 3, 2, 1, new BigDecimal("0.01")));
          stores.cache().put(new CachedResponse("k" + n, Json.parse("{\"n\":" + n + "}"), T0, T0.plusSeconds(60)));
        }
        return mine;
      }));
    }
    start.countDown();
    List<AuditRecord> appended = new ArrayList<>();
    for (Future<List<AuditRecord>> future : futures) {
      appended.addAll(future.get(60, TimeUnit.SECONDS));
    }

    int total = callers * perCaller;
    List<AuditRecord> read = stores.audit().read(AuditQuery.page(null, AuditQuery.MAX_LIMIT));
    assertThat(read).hasSize(total).containsExactlyInAnyOrderElementsOf(appended);
    String previous = AuditRecord.GENESIS;
    for (int i = 0; i < read.size(); i++) {
      AuditRecord record = read.get(i);
      assertThat(record.seq()).isEqualTo(i + 1L);
      assertThat(record.prevHash()).as("prevHash of seq %d", record.seq()).isEqualTo(previous);
      assertThat(record.hashValid()).as("hash of seq %d", record.seq()).isTrue();
      previous = record.hash();
    }
    UsageRow usage = stores.usage().query(DAY, DAY, "demo").get(0);
    assertThat(usage.calls()).isEqualTo(total);
    assertThat(usage.errors()).isEqualTo(total / 10);
    assertThat(usage.costUsd()).isEqualByComparingTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(total)));
    for (int n = 0; n < total; n += 97) {
      assertThat(stores.cache().get("k" + n, T0)).isPresent();
    }
    // 3 writes per iteration from 32 threads: batching must have folded them into far fewer commits.
    long commits = database.commits() - commitsBefore;
    assertThat(commits).isLessThan(3L * total);
  }

  @Test
  void aFailingWriteInABatchFailsOnlyItsCaller() throws Exception {
    CountDownLatch writerHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Occupy the writer so that everything queued meanwhile lands in one batch.
    Future<?> blocker = threads.submit(() -> database.update(connection -> {
      writerHeld.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
    long commitsBefore = database.commits();

    List<Future<AuditRecord>> appends = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      int number = n;
      appends.add(threads.submit(() -> stores.audit().append(entry(number))));
    }
    Future<Object> failing = threads.submit(() -> {
      database.update(connection -> {
        Sql.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'a', 0)");
        // The same primary key again: a constraint failure after this write already changed something.
        Sql.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'b', 0)");
      });
      return null;
    });
    for (int n = 6; n <= 10; n++) {
      int number = n;
      appends.add(threads.submit(() -> stores.audit().append(entry(number))));
    }
    waitUntilQueued(11);
    release.countDown();
    blocker.get(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PortException.class)
        .hasMessageContaining("UNIQUE");
    for (Future<AuditRecord> append : appends) {
      assertThat(append.get(10, TimeUnit.SECONDS).hashValid()).isTrue();
    }
    List<AuditRecord> read = stores.audit().read(AuditQuery.page(null, 100));
    assertThat(read).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    for (int i = 1; i < read.size(); i++) {
      assertThat(read.get(i).prevHash()).isEqualTo(read.get(i - 1).hash());
    }
    int version = database.read(SchemaMigrations::currentVersion);
    assertThat(version)
        .as("the failed write's first insert was rolled back with it")
        .isEqualTo(SchemaMigrations.latestVersion());
    // The blocker's commit, then one for the ten appends (the failed write committed nothing).
    assertThat(database.commits() - commitsBefore).isEqualTo(2);
  }

  @Test
  void aCommitGroupsWritesToSeveralPortsCommitInOneTransaction() {
    IdempotencyScope scope = new IdempotencyScope("key_agent", "create_ticket", "k-1");
    stores.idempotency().reserve(scope, "fp", "req-1", T0, T0.plusSeconds(30), T0.plusSeconds(3600));
    long commitsBefore = database.commits();

    stores.commitGroup().together(() -> {
      stores.idempotency().complete(scope, Json.parse("{\"kind\":\"succeeded\"}"));
      stores.audit().append(entry(1));
      stores.usage().record(new UsageEvent(DAY, "demo", "create_ticket", false, 3, 0, 0, BigDecimal.ZERO));
    });

    assertThat(database.commits() - commitsBefore).isEqualTo(1);
    assertThat(stores.idempotency().find(scope, T0).orElseThrow().completed()).isTrue();
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).hasSize(1);
    assertThat(stores.usage().query(DAY, DAY, "demo").get(0).calls()).isEqualTo(1);
  }

  @Test
  void aCommitGroupThatThrowsKeepsNoneOfItsWrites() {
    stores.audit().append(entry(1));
    IdempotencyScope scope = new IdempotencyScope("key_agent", "create_ticket", "k-2");
    stores.idempotency().reserve(scope, "fp", "req-2", T0, T0.plusSeconds(30), T0.plusSeconds(3600));

    assertThatThrownBy(() -> stores.commitGroup().together(() -> {
      stores.idempotency().complete(scope, Json.parse("{\"kind\":\"succeeded\"}"));
      stores.audit().append(entry(2));
      throw new IllegalStateException("audit failed after the append");
    })).isInstanceOf(IllegalStateException.class).hasMessage("audit failed after the append");

    assertThat(stores.idempotency().find(scope, T0).orElseThrow().completed()).isFalse();
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).extracting(AuditRecord::seq).containsExactly(1L);
    // The writer goes on: the next append chains to the record that was kept.
    assertThat(stores.audit().append(entry(3)).seq()).isEqualTo(2L);
  }

  @Test
  void readsDoNotWaitForAWriteInProgress() throws Exception {
    stores.audit().append(entry(1));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> writer = threads.submit(() -> database.update(connection -> {
      Sql.update(connection, "DELETE FROM audit_log");
      writing.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

    // The writer holds the write lock mid-transaction; a reader sees the last committed snapshot at once.
    Future<List<AuditRecord>> read = threads.submit(() -> stores.audit().read(AuditQuery.page(null, 10)));
    assertThat(read.get(2, TimeUnit.SECONDS)).hasSize(1);

    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertThat(stores.audit().read(AuditQuery.page(null, 10))).isEmpty();
  }

  private void waitUntilQueued(int writes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (database.queued() < writes && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(database.queued()).isEqualTo(writes);
  }

  private static AuditEntry entry(int n) {
    return new AuditEntry(
        T0.plusMillis(n), "req-" + n, "key_agent", "demo", "search_customer",
        Json.parse("{\"query\":\"acme " + n + "\"}"), "executed", null, n, null);
  }
}
