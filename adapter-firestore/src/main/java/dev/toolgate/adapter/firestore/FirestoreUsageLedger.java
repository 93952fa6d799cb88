package dev.toolgate.adapter.firestore;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.SetOptions;
import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Usage counters in collection {@code usage}, sharded: {@link #SHARDS} documents per (day, client,
 * tool), id: the digest of the three and the shard number; an increment goes to a random shard and
 * a read sums the shards. Why sharded: Firestore sustains about one write per second per document,
 * and every call of every instance on one tool would otherwise increment the same document.
 * Documents of the unsharded layout (no {@code shard} field) are summed like any shard. Every
 * counter is added with {@link FieldValue#increment}, which Firestore applies
 * atomically on the server, so concurrent calls on any number of instances lose no increment and
 * need no transaction. Firestore increments whole numbers exactly but not decimals, so the cost is
 * counted in nano-dollars ({@code cost_nano_usd}); costs finer than 10⁻⁹ USD are rounded half-even.
 */
final class FirestoreUsageLedger implements UsageLedger {
  private static final int COST_SCALE = 9;
  /**
   * Shards per (day, client, tool): about this many increments per second sustained for one tool of
   * one client, fleet-wide; a read of a day costs this many documents per (client, tool) at most.
   */
  static final int SHARDS = 16;

  private final FirestoreDatabase db;

  FirestoreUsageLedger(FirestoreDatabase db) {
    this.db = db;
  }

  @Override
  public void record(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    String day = event.day().toString();
    Map<String, Object> fields = new HashMap<>();
    fields.put("day", day);
    fields.put("client_key", event.clientKey());
    fields.put("tool", event.tool());
    int shard = ThreadLocalRandom.current().nextInt(SHARDS);
    fields.put("shard", shard);
    fields.put("calls", FieldValue.increment(1));
    fields.put("errors", FieldValue.increment(event.error() ? 1 : 0));
    fields.put("total_latency_ms", FieldValue.increment(event.latencyMs()));
    fields.put("tokens_in", FieldValue.increment(event.tokensIn()));
    fields.put("tokens_out", FieldValue.increment(event.tokensOut()));
    fields.put("cost_nano_usd", FieldValue.increment(nanos(event.costUsd())));
    String client = event.clientKey() == null ? "" : event.clientKey();
    db.await(
        db.collection(CollectionNames.USAGE).document(DocIds.hashed(day, client, event.tool(), Integer.toString(shard))).set(fields, SetOptions.merge()),
        "counting usage of tool '" + event.tool() + "'");
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
