package dev.toolgate.ports.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Thread-safe; clocks derived with
 * {@link #withZone} share the same time, so advancing one advances all.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start}, in UTC. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward; a negative duration is refused, since real clocks used here do not run back. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock advances by a non-negative duration, got " + duration);
    }
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Sets the clock to {@code instant}, earlier or later. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "," + zone + "]";
  }
}
