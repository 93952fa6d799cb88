package dev.toolgate.ports.marketing;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Where a report's numbers came from, for the evidence block of an answer.
 *
 * @param source the system that produced them, e.g. {@code klaviyo} or {@code sample}
 * @param sampleData true when the numbers are a built-in sample data set, not a real account's;
 *     answers must say so
 * @param apiRevision the upstream API revision that served them, or null if not applicable
 * @param reportTimeZone the time zone the upstream applied to the date range (the account's), or null
 *     when unknown
 * @param calls the upstream requests made, in order; empty when the numbers were not fetched (sample
 *     data)
 * @param elapsed total time spent producing the report
 * @param notes facts a careful reader should know (a fallback taken, a metric skipped); may be empty
 */
public record Provenance(
    String source,
    boolean sampleData,
    String apiRevision,
    ZoneId reportTimeZone,
    List<UpstreamCall> calls,
    Duration elapsed,
    List<String> notes) {

  public Provenance {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(elapsed, "elapsed");
    calls = List.copyOf(calls);
    notes = List.copyOf(notes);
    if (source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank, got '" + source + "'");
    }
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
    }
  }

  /** The upstream request ids, in call order, skipping calls that had none. */
  public List<String> requestIds() {
    return calls.stream().map(UpstreamCall::requestId).filter(Objects::nonNull).toList();
  }
}
