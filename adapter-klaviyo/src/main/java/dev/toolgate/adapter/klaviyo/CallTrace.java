package dev.toolgate.adapter.klaviyo;

import dev.toolgate.ports.marketing.Provenance;
import dev.toolgate.ports.marketing.UpstreamCall;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one report invocation asked Klaviyo, for its {@link Provenance}. Confined to one thread. */
final class CallTrace {
  private final long startNanos = System.nanoTime();
  private final List<UpstreamCall> calls = new ArrayList<>();
  private final Set<String> notes = new LinkedHashSet<>();
  private String servedRevision;

  void record(UpstreamCall call, String revision) {
    calls.add(call);
    if (revision != null) {
      servedRevision = revision;
    }
  }

  void note(String note) {
    notes.add(note);
  }

  Provenance provenance(String requestedRevision, ZoneId reportTimeZone) {
    if (servedRevision != null && !servedRevision.equals(requestedRevision)) {
      note("Klaviyo served API revision " + servedRevision + " although " + requestedRevision + " was requested");
    }
    return new Provenance(
        "klaviyo",
        false,
        servedRevision != null ? servedRevision : requestedRevision,
        reportTimeZone,
        calls,
        Duration.ofNanos(System.nanoTime() - startNanos),
        List.copyOf(notes));
  }
}
