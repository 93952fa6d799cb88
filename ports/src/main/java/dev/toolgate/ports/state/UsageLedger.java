package dev.toolgate.ports.state;

import java.time.LocalDate;
import java.util.List;

/** Usage counters per client, tool and day. Thread-safe; increments are never lost under concurrency, and counters survive restarts. */
public interface UsageLedger {
  /** Adds one call to the counters of its (day, client, tool). */
  void record(UsageEvent event);

  /**
   * Counter rows for days {@code from}..{@code to} inclusive, for one client (or all if null),
   * ordered by day, then client (nulls first), then tool.
   */
  List<UsageRow> query(LocalDate from, LocalDate to, String clientKey);
}
