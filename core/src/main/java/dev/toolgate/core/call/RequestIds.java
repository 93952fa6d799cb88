package dev.toolgate.core.call;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids for calls that arrive without one: random UUIDs (version 4 format, 122 random bits)
 * drawn from {@link ThreadLocalRandom} instead of {@link UUID#randomUUID()}'s shared
 * {@code SecureRandom}, which showed in the profile of every guarded read.
 *
 * <p>Safe because a request id needs uniqueness, not secrecy: it names a call in logs, answers and
 * audit records, and a client may choose its own ({@code X-Request-ID}), so knowing or guessing one
 * grants nothing. Anything that does grant access when guessed — key secrets, approval ids, MCP
 * session ids, WebSocket tickets — stays on {@code SecureRandom}.
 */
public final class RequestIds {
  private RequestIds() {}

  /** A new random id, formatted like {@link UUID#randomUUID()}. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // The version (4) and variant (IETF) bits, as UUID.randomUUID sets them.
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
