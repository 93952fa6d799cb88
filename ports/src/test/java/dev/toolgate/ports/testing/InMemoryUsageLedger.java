package dev.toolgate.ports.testing;

import dev.toolgate.ports.state.UsageEvent;
import dev.toolgate.ports.state.UsageLedger;
import dev.toolgate.ports.state.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link UsageLedger} in a map, for tests. Every operation holds the instance lock, so no increment is lost. */
public final class InMemoryUsageLedger implements UsageLedger {
  private static final Comparator<UsageRow> ORDER =
      Comparator.comparing(UsageRow::day)
          .thenComparing(UsageRow::clientKey, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(UsageRow::tool);

  private record Slot(LocalDate day, String clientKey, String tool) {}

  private final Map<Slot, UsageRow> rows = new HashMap<>();

  @Override
  public synchronized void record(UsageEvent event) {
    Objects.requireNonNull(event, "event");
    Slot slot = new Slot(event.day(), event.clientKey(), event.tool());
    UsageRow row =
        rows.getOrDefault(
            slot, new UsageRow(slot.day(), slot.clientKey(), slot.tool(), 0, 0, 0, 0, 0, BigDecimal.ZERO));
    rows.put(
        slot,
        new UsageRow(
            row.day(),
            row.clientKey(),
            row.tool(),
            row.calls() + 1,
            row.errors() + (event.error() ? 1 : 0),
            row.totalLatencyMs() + event.latencyMs(),
            row.tokensIn() + event.tokensIn(),
            row.tokensOut() + event.tokensOut(),
            row.costUsd().add(event.costUsd())));
  }

  @Override
  public synchronized List<UsageRow> query(LocalDate from, LocalDate to, String clientKey) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return rows.values().stream()
        .filter(r -> !r.day().isBefore(from) && !r.day().isAfter(to))
        .filter(r -> clientKey == null || clientKey.equals(r.clientKey()))
        .sorted(ORDER)
        .toList();
  }
}
