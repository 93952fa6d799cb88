package dev.toolgate.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open Streamable HTTP sessions per API key, capped. A new session takes a slot before it is
 * created ({@link #tryReserve}), so a burst of {@code initialize} from one key cannot overshoot the
 * cap; the slot is given back when the session ends (client {@code DELETE}, idle sweep, shutdown) or
 * was not created after all. Past the cap a new session is refused rather than an old one evicted:
 * an old session may still be in use (a stream open, an approval pending), and the SDK ends a
 * session only on the client's {@code DELETE} or its own idle sweep.
 */
final class SessionLimits {
  private final int maxPerKey;
  private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  SessionLimits(int maxPerKey) {
    if (maxPerKey < 1) {
      throw new IllegalArgumentException("maxSessionsPerKey must be at least 1, got " + maxPerKey);
    }
    this.maxPerKey = maxPerKey;
  }

  int maxPerKey() {
    return maxPerKey;
  }

  /** Takes a slot for a new session of {@code keyId}; false when the key has {@link #maxPerKey} already. */
  boolean tryReserve(String keyId) {
    boolean[] taken = {false};
    perKey.compute(keyId, (key, count) -> {
      AtomicInteger current = count == null ? new AtomicInteger() : count;
      if (current.get() < maxPerKey) {
        current.incrementAndGet();
        taken[0] = true;
      }
      return current;
    });
    if (taken[0]) {
      total.incrementAndGet();
    }
    return taken[0];
  }

  /** Gives a slot of {@code keyId} back; a key left with none is forgotten. */
  void release(String keyId) {
    perKey.computeIfPresent(keyId, (key, count) -> {
      total.decrementAndGet();
      return count.decrementAndGet() <= 0 ? null : count;
    });
  }

  /** Sessions open (or being opened) now, over all keys. */
  int total() {
    return total.get();
  }

  /** Sessions open (or being opened) now by one key. */
  int of(String keyId) {
    AtomicInteger count = perKey.get(keyId);
    return count == null ? 0 : count.get();
  }
}
