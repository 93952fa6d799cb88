package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.WriteBatch;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage counters in collection {@code usage}, one document per (day, client, tool) and gateway
 * process (id: the digest of the four; field {@code shard}: the process's writer id); a read sums a
 * row's documents. Why: Firestore sustains about one write per second per document, and every call
 * of every process on one tool would otherwise increment the same document. So a process adds its
 * calls up in memory and writes each of its own documents at most once per {@link #FLUSH_EVERY}
 * (all of them in one commit), and once more on {@link #close()}: no document takes more than about
 * one write per second, however many calls or processes there are. Documents of earlier layouts
 * (one per row, or 16 random shards) are summed like any other.
 *
 * <p>The price, by design (ADR 0012): the counts of the last second of a process that crashes are
 * lost, and a commit whose outcome is unknown is tried again, which may count it twice. Usage is a
 * report, not a promise; the audit log is the durable record of every call. A read sees the
 * documents plus this process's counts not yet written, so a process reads its own calls at once.
 * Every counter is added with {@link FieldValue#increment}, which Firestore applies atomically, so
 * concurrent processes lose nothing. Firestore increments whole numbers exactly but not decimals, so
 * the cost is counted in nano-dollars ({@code cost_nano_usd}); costs finer than 10⁻⁹ USD are rounded
 * half-even. Each document also counts its own writes ({@code flushes}), which shows the rate.
 */
final class FirestoreUsageLedger implements UsageLedger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FirestoreUsageLedger.class);
  private static final int COST_SCALE = 9;
  /** How often a process writes its counts: each of its documents at most this often. */
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
  /** Documents per commit at most (Firestore takes 500 writes per commit). */
  private static final int FLUSH_BATCH = 450;

  private final FirestoreDatabase db;
  private final String shard;
  private final Object lock = new Object();
  private Map<List<String>, long[]> pending = new HashMap<>();
  private final ScheduledExecutorService flusher;

  FirestoreUsageLedger(FirestoreDatabase db, String shard) {
    this.db = db;
    this.shard = shard;
    this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "toolgate-usage-flush");
      thread.setDaemon(true);
      return thread;
    });
    long every = FLUSH_EVERY.toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void record(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    List<String> row = Arrays.asList(event.day().toString(), event.clientKey(), event.tool());
    long[] add = {1, event.error() ? 1 : 0, event.latencyMs(), event.tokensIn(), event.tokensOut(), nanos(event.costUsd())};
    synchronized (lock) {
      pending.merge(row, add, FirestoreUsageLedger::plus);
    }
  }

  /** Writes the counts added up since the last flush, one document per row, in as few commits as it takes. */
  void flush() {
    Map<List<String>, long[]> taken;
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      taken = pending;
      pending = new HashMap<>();
    }
    List<Map.Entry<List<String>, long[]>> rows = new ArrayList<>(taken.entrySet());
    for (int from = 0; from < rows.size(); from += FLUSH_BATCH) {
      List<Map.Entry<List<String>, long[]>> slice = rows.subList(from, Math.min(rows.size(), from + FLUSH_BATCH));
      WriteBatch batch = db.batch();
      for (Map.Entry<List<String>, long[]> row : slice) {
        batch.set(document(row.getKey()), fields(row.getKey(), row.getValue()), SetOptions.merge());
      }
      try {
        db.await(batch.commit(), "writing the usage counts of " + slice.size() + " rows");
      } catch (RuntimeException e) {
        // Kept for the next flush: lost only if the process stops first, or counted twice if the
        // commit was applied after all (best effort, see the class comment).
        synchronized (lock) {
          rows.subList(from, rows.size()).forEach(unwritten -> pending.merge(unwritten.getKey(), unwritten.getValue(), FirestoreUsageLedger::plus));
        }
        throw e;
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("could not write usage counts, will try again in {} ms: {}", FLUSH_EVERY.toMillis(), e.getMessage());
    }
  }

  /** Stops the schedule (a flush under way finishes) and writes what is left. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(FirestoreDatabase.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }

  private DocumentReference document(List<String> row) {
    String client = row.get(1) == null ? "" : row.get(1);
    return db.collection(CollectionNames.USAGE).document(DocIds.hashed(row.get(0), client, row.get(2), shard));
  }

  private Map<String, Object> fields(List<String> row, long[] counts) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("day", row.get(0));
    fields.put("client_key", row.get(1));
    fields.put("tool", row.get(2));
    fields.put("shard", shard);
    fields.put("calls", FieldValue.increment(counts[0]));
    fields.put("errors", FieldValue.increment(counts[1]));
    fields.put("total_latency_ms", FieldValue.increment(counts[2]));
    fields.put("tokens_in", FieldValue.increment(counts[3]));
    fields.put("tokens_out", FieldValue.increment(counts[4]));
    fields.put("cost_nano_usd", FieldValue.increment(counts[5]));
    fields.put("flushes", FieldValue.increment(1));
    return fields;
  }

  private static long[] plus(long[] a, long[] b) {
    long[] sum = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }

  @Override
  public List<UsageRow> query(LocalDate from, LocalDate to, String clientKey) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Query query =
        db.collection(CollectionNames.USAGE)
            .whereGreaterThanOrEqualTo("day", from.toString())
            .whereLessThanOrEqualTo("day", to.toString());
    if (clientKey != null) {
      query = query.whereEqualTo("client_key", clientKey);
    }
    Map<List<String>, UsageRow> summed = new HashMap<>();
    for (DocumentSnapshot document : Queries.all(db, query, "reading usage")) {
      UsageRow shard = Fields.read(document, FirestoreUsageLedger::row);
      summed.merge(Arrays.asList(shard.day().toString(), shard.clientKey(), shard.tool()), shard, FirestoreUsageLedger::sum);
    }
    Map<List<String>, long[]> unwritten;
    synchronized (lock) {
      unwritten = new HashMap<>(pending);
    }
    unwritten.forEach((row, counts) -> {
      LocalDate day = LocalDate.parse(row.get(0));
      if (!day.isBefore(from) && !day.isAfter(to) && (clientKey == null || clientKey.equals(row.get(1)))) {
        UsageRow mine = new UsageRow(day, row.get(1), row.get(2), counts[0], counts[1], counts[2], counts[3], counts[4],
            BigDecimal.valueOf(counts[5], COST_SCALE).stripTrailingZeros());
        summed.merge(row, mine, FirestoreUsageLedger::sum);
      }
    });
    return summed.values().stream()
        .sorted(
            Comparator.comparing(UsageRow::day)
                .thenComparing(UsageRow::clientKey, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(UsageRow::tool))
        .toList();
  }

  private static long nanos(BigDecimal costUsd) {
    return costUsd.setScale(COST_SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }

  private static UsageRow sum(UsageRow a, UsageRow b) {
    return new UsageRow(
        a.day(), a.clientKey(), a.tool(), a.calls() + b.calls(), a.errors() + b.errors(),
        a.totalLatencyMs() + b.totalLatencyMs(), a.tokensIn() + b.tokensIn(), a.tokensOut() + b.tokensOut(),
        a.costUsd().add(b.costUsd()).stripTrailingZeros());
  }

  private static UsageRow row(DocumentSnapshot document) {
    return new UsageRow(
        LocalDate.parse(Fields.requiredText(document, "day")),
        Fields.text(document, "client_key"),
        Fields.requiredText(document, "tool"),
        Fields.number(document, "calls"),
        Fields.number(document, "errors"),
        Fields.number(document, "total_latency_ms"),
        Fields.counter(document, "tokens_in"),
        Fields.counter(document, "tokens_out"),
        BigDecimal.valueOf(Fields.number(document, "cost_nano_usd"), COST_SCALE).stripTrailingZeros());
  }
}
