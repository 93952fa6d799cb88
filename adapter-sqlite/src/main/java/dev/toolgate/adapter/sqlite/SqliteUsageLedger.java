package dev.toolgate.adapter.sqlite;

import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Usage counters in table {@code usage_counters}, one row per (day, client, tool). Calls without a
 * client are stored under {@code ''} so that the primary key folds them into one row.
 */
final class SqliteUsageLedger implements UsageLedger {
  private static final String NO_CLIENT = "";

  private static final String INSERT_COUNTERS =
      "INSERT INTO usage_counters (day, client_key, tool, calls, errors, total_latency_ms, tokens,"
          + " tokens_in, tokens_out, cost_usd) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ";
  private static final String ADD_COUNTERS =
      " ON CONFLICT (day, client_key, tool) DO UPDATE SET calls = calls + 1,"
          + " errors = errors + excluded.errors,"
          + " total_latency_ms = total_latency_ms + excluded.total_latency_ms,"
          + " tokens = tokens + excluded.tokens, tokens_in = tokens_in + excluded.tokens_in,"
          + " tokens_out = tokens_out + excluded.tokens_out";
  /** Counts an event without cost: a new row starts at cost '0', an existing one keeps its cost. */
  private static final String COUNT_WITHOUT_COST = INSERT_COUNTERS + "'0')" + ADD_COUNTERS;
  /** Counts an event with cost; the last parameter is the new total, summed in Java. */
  private static final String COUNT_WITH_COST = INSERT_COUNTERS + "?)" + ADD_COUNTERS + ", cost_usd = excluded.cost_usd";

  private final SqliteDatabase database;

  SqliteUsageLedger(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public void record(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    String day = event.day().toString();
    String client = event.clientKey() == null ? NO_CLIENT : event.clientKey();
    if (costless(event)) {
      // Every tool call: the counters alone change, and SQLite adds those up itself.
      database.update(connection -> Sql.update(connection, COUNT_WITHOUT_COST, counters(day, client, event)));
      return;
    }
    database.update(
        connection -> {
          // SQLite has no exact decimal arithmetic, so the cost is summed here, inside the same write
          // transaction as the counters.
          BigDecimal cost =
              Sql.queryOne(
                      connection,
                      "SELECT cost_usd FROM usage_counters WHERE day = ? AND client_key = ? AND tool = ?",
                      row -> new BigDecimal(row.getString("cost_usd")),
                      day,
                      client,
                      event.tool())
                  .map(previous -> previous.add(event.costUsd()))
                  .orElse(event.costUsd());
          Object[] counters = counters(day, client, event);
          Object[] params = Arrays.copyOf(counters, counters.length + 1);
          params[counters.length] = cost.toPlainString();
          Sql.update(connection, COUNT_WITH_COST, params);
        });
  }

  /**
   * Whether adding the event's cost leaves every sum exactly as it is: a zero without decimals (a
   * {@code 0.00} would still widen the stored scale from {@code 1.5} to {@code 1.50}).
   */
  private static boolean costless(UsageEvent event) {
    return event.costUsd().signum() == 0 && event.costUsd().scale() <= 0;
  }

  private static Object[] counters(String day, String client, UsageEvent event) {
    return new Object[] {
      day, client, event.tool(), event.error() ? 1 : 0, event.latencyMs(), event.tokens(), event.tokensIn(),
      event.tokensOut()
    };
  }

  @Override
  public List<UsageRow> query(LocalDate from, LocalDate to, String clientKey) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<Object> params = new ArrayList<>(List.of(from.toString(), to.toString()));
    String clientFilter = "";
    if (clientKey != null) {
      clientFilter = " AND client_key = ?";
      params.add(clientKey);
    }
    String sql =
        "SELECT day, client_key, tool, calls, errors, total_latency_ms, tokens_in, tokens_out, cost_usd"
            + " FROM usage_counters WHERE day >= ? AND day <= ?" + clientFilter
            + " ORDER BY day, client_key, tool";
    return database.read(
        connection ->
            Sql.query(
                connection,
                sql,
                row -> {
                  String client = row.getString("client_key");
                  return new UsageRow(
                      LocalDate.parse(row.getString("day")),
                      client.equals(NO_CLIENT) ? null : client,
                      row.getString("tool"),
                      row.getLong("calls"),
                      row.getLong("errors"),
                      row.getLong("total_latency_ms"),
                      row.getLong("tokens_in"),
                      row.getLong("tokens_out"),
                      new BigDecimal(row.getString("cost_usd")));
                },
                params.toArray()));
  }
}
