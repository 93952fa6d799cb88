package dev.toolgate.ports.state;

import java.time.LocalDate;
import java.util.List;

/**
 * Usage counters per client, tool and day. Thread-safe; increments are never lost under concurrency,
 * a process reads its own increments at once, and counters survive restarts. A store shared by
 * several processes may add a process's increments up in memory and write them a moment later (the
 * Firestore store: once a second, and on close), so other processes see them that much later and a
 * crash may lose that moment's counts: usage is a report; the audit log is the durable record.
 */
public interface UsageLedger {
  /** Adds one call to the counters of its (day, client, tool). */
  void record(UsageEvent event);

  /**
   * Counter rows for days {@code from}..{@code to} inclusive, for one client (or all if null),
   * ordered by day, then client (nulls first), then tool.
   */
  List<UsageRow> query(LocalDate from, LocalDate to, String clientKey);
}
