package dev.toolgate.ports.state;

import java.util.Objects;

/** The result of {@link IdempotencyStore#reserve}. */
public sealed interface Reservation {
  /** This caller holds the key now and must later complete or release it. */
  record Reserved() implements Reservation {}

  /**
   * This caller holds the key now, taken over from an in-flight record whose lease ran out: a previous
   * attempt (the record's request id) was cut off, perhaps after its side effect. The caller must
   * complete or release the key, and must not simply run the call again unless the tool's effect is
   * keyed so that a re-run finds it.
   *
   * @param previous the abandoned record as it was before the takeover
   */
  record Abandoned(IdempotencyRecord previous) implements Reservation {
    public Abandoned {
      Objects.requireNonNull(previous, "previous");
    }
  }

  /** Another call holds or completed the key; the record says which and with what fingerprint. */
  record Existing(IdempotencyRecord record) implements Reservation {
    public Existing {
      Objects.requireNonNull(record, "record");
    }
  }
}
