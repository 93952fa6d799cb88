package dev.toolgate.ports.support;

import java.time.Instant;
import java.util.Objects;

/** A message posted to a support channel (the outbox). */
public record Message(String id, String channel, String text, Instant sentAt) {
  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
  }
}
