package dev.toolgate.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  /** Key id → its sessions open or being opened; a key with none has no entry. */
  private final Map<String, Integer> perKey = new ConcurrentHashMap<>();

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
      int current = count == null ? 0 : count;
      if (current >= maxPerKey) {
        return count;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  /** Gives a slot of {@code keyId} back; a key left with none is forgotten. */
  void release(String keyId) {
    perKey.computeIfPresent(keyId, (key, count) -> count <= 1 ? null : count - 1);
  }

  /** Sessions open (or being opened) now, over all keys. */
  int total() {
    return perKey.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Sessions open (or being opened) now by one key. */
  int of(String keyId) {
    return perKey.getOrDefault(keyId, 0);
  }
}
