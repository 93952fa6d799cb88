package dev.toolgate.ports.state;

import java.util.Objects;

/** The result of {@link IdempotencyStore#reserve}. */
public sealed interface Reservation {
  /** This caller holds the key now and must later complete or release it. */
  record Reserved() implements Reservation {}

  /** Another call holds or completed the key; the record says which and with what fingerprint. */
  record Existing(IdempotencyRecord record) implements Reservation {
    public Existing {
      Objects.requireNonNull(record, "record");
    }
  }
}
