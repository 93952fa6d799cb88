package dev.toolgate.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageLedger}: every implementation's test extends this suite. Costs are
 * compared by value, since stores may change the scale of a {@link BigDecimal}.
 */
public abstract class AbstractUsageLedgerContractTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final LocalDate D1 = LocalDate.parse("2026-11-01");
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate D4 = D1.plusDays(3);

  private UsageLedger ledger;

  /**
   * A new, empty ledger. {@code clock} is the suite's time source, for implementations
   * that read the time themselves; operations that take an instant are given it explicitly.
   */
  protected abstract UsageLedger newStore(Clock clock);

  /**
   * The same ledger after a restart. Persistent ledgers override this to close {@code ledger} and open
   * the same storage again, with the clock given to {@link #newStore}; the default keeps the instance.
   */
  protected UsageLedger reopen(UsageLedger ledger) {
    return ledger;
  }

  @BeforeEach
  void createLedger() {
    ledger = newStore(new MutableClock(T0));
  }

  private static UsageEvent call(LocalDate day, String client, String tool) {
    return new UsageEvent(day, client, tool, false, 5, 0, 0, BigDecimal.ZERO);
  }

  private static void assertCounters(
      UsageRow row, long calls, long errors, long latency, long tokensIn, long tokensOut, String cost) {
    assertThat(row.calls()).as("calls").isEqualTo(calls);
    assertThat(row.errors()).as("errors").isEqualTo(errors);
    assertThat(row.totalLatencyMs()).as("totalLatencyMs").isEqualTo(latency);
    assertThat(row.tokensIn()).as("tokensIn").isEqualTo(tokensIn);
    assertThat(row.tokensOut()).as("tokensOut").isEqualTo(tokensOut);
    assertThat(row.costUsd()).as("costUsd").isEqualByComparingTo(cost);
  }

  @Test
  void sumsCallsOfOneDayClientAndToolIntoOneRow() {
    ledger.record(new UsageEvent(D1, "acme", "chat", false, 120, 1200, 300, new BigDecimal("0.0125")));
    ledger.record(new UsageEvent(D1, "acme", "chat", true, 30, 0, 0, BigDecimal.ZERO));
    ledger.record(new UsageEvent(D1, "acme", "chat", false, 50, 600, 100, new BigDecimal("0.30")));

    List<UsageRow> rows = ledger.query(D1, D1, null);

    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.day()).isEqualTo(D1);
      assertThat(row.clientKey()).isEqualTo("acme");
      assertThat(row.tool()).isEqualTo("chat");
      assertCounters(row, 3, 1, 200, 1800, 400, "0.3125");
    });
  }

  @Test
  void keepsCallsWithoutClientInTheirOwnRow() {
    ledger.record(call(D1, null, "search_customer"));
    ledger.record(call(D1, null, "search_customer"));
    ledger.record(call(D1, "acme", "search_customer"));

    List<UsageRow> rows = ledger.query(D1, D1, null);

    assertThat(rows).extracting(UsageRow::clientKey, UsageRow::calls).containsExactly(tuple(null, 2L), tuple("acme", 1L));
  }

  @Test
  void ordersRowsByDayThenClientWithNullsFirstThenTool() {
    ledger.record(call(D2, "beta", "b_tool"));
    ledger.record(call(D2, null, "z_tool"));
    ledger.record(call(D1, "beta", "a_tool"));
    ledger.record(call(D2, "acme", "b_tool"));
    ledger.record(call(D1, "acme", "b_tool"));
    ledger.record(call(D2, "acme", "a_tool"));
    ledger.record(call(D1, null, "a_tool"));

    assertThat(ledger.query(D1, D2, null))
        .extracting(UsageRow::day, UsageRow::clientKey, UsageRow::tool)
        .containsExactly(
            tuple(D1, null, "a_tool"),
            tuple(D1, "acme", "b_tool"),
            tuple(D1, "beta", "a_tool"),
            tuple(D2, null, "z_tool"),
            tuple(D2, "acme", "a_tool"),
            tuple(D2, "acme", "b_tool"),
            tuple(D2, "beta", "b_tool"));
  }

  @Test
  void queriesDaysInclusively() {
    for (LocalDate day : List.of(D1, D2, D3, D4)) {
      ledger.record(call(day, "acme", "search_customer"));
    }

    assertThat(ledger.query(D2, D3, null)).extracting(UsageRow::day).containsExactly(D2, D3);
    assertThat(ledger.query(D4, D4, null)).extracting(UsageRow::day).containsExactly(D4);
    assertThat(ledger.query(D4.plusDays(1), D4.plusDays(9), null)).isEmpty();
  }

  @Test
  void filtersByClient() {
    ledger.record(call(D1, "acme", "search_customer"));
    ledger.record(call(D1, "beta", "search_customer"));
    ledger.record(call(D1, null, "search_customer"));
    ledger.record(call(D2, "acme", "create_ticket"));

    assertThat(ledger.query(D1, D2, "acme"))
        .extracting(UsageRow::day, UsageRow::clientKey, UsageRow::tool)
        .containsExactly(tuple(D1, "acme", "search_customer"), tuple(D2, "acme", "create_ticket"));
    assertThat(ledger.query(D1, D2, "nobody")).isEmpty();
  }

  @Test
  void losesNoIncrementUnderConcurrency() {
    int threads = 10;
    int perThread = 30;

    Race.run(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            ledger.record(new UsageEvent(D1, "acme", "chat", i % 10 == 0, 3, 7, 2, new BigDecimal("0.01")));
          }
          return null;
        });

    int total = threads * perThread;
    assertThat(ledger.query(D1, D1, "acme"))
        .singleElement()
        .satisfies(row -> assertCounters(row, total, total / 10, 3L * total, 7L * total, 2L * total, "3.00"));
  }

  @Test
  void callsWithoutCostInterleavedWithCostedTurnsKeepTheExactSum() {
    ledger.record(new UsageEvent(D1, "acme", "chat", false, 5, 0, 0, BigDecimal.ZERO));
    ledger.record(new UsageEvent(D1, "acme", "chat", false, 5, 0, 0, new BigDecimal("0.00")));
    assertCounters(ledger.query(D1, D1, "acme").get(0), 2, 0, 10, 0, 0, "0");

    int threads = 8;
    int perThread = 25;
    Race.run(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            // Half the threads count tool calls (no cost), half LLM turns costing a hundredth each.
            BigDecimal cost = t % 2 == 0 ? BigDecimal.ZERO : new BigDecimal("0.01");
            ledger.record(new UsageEvent(D1, "acme", "chat", false, 1, t % 2, 0, cost));
          }
          return null;
        });

    int total = threads * perThread;
    assertThat(ledger.query(D1, D1, "acme"))
        .singleElement()
        .satisfies(row -> assertCounters(row, 2 + total, 0, 10 + total, total / 2, 0, "1.00"));
  }

  @Test
  void countersSurviveRestartAndKeepCounting() {
    ledger.record(new UsageEvent(D1, "acme", "chat", true, 40, 80, 20, new BigDecimal("0.25")));
    ledger.record(new UsageEvent(D1, null, "search_customer", false, 10, 0, 0, BigDecimal.ZERO));

    ledger = reopen(ledger);
    ledger.record(new UsageEvent(D1, "acme", "chat", false, 60, 30, 20, new BigDecimal("0.50")));

    List<UsageRow> rows = ledger.query(D1, D1, null);
    assertThat(rows).extracting(UsageRow::clientKey, UsageRow::tool)
        .containsExactly(tuple(null, "search_customer"), tuple("acme", "chat"));
    assertCounters(rows.get(0), 1, 0, 10, 0, 0, "0");
    assertCounters(rows.get(1), 2, 1, 100, 110, 40, "0.75");
  }
}
