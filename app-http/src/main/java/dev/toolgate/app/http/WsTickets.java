package dev.toolgate.app.http;

import dev.toolgate.core.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser open {@code /ws/chat} (browsers cannot set
 * headers on a WebSocket, and a long-lived key must never appear in a URL). A ticket stands for the
 * principal that asked for it; only its SHA-256 hash is kept, in memory, so tickets do not survive a
 * restart and are worthless once used or expired. Thread-safe.
 */
final class WsTickets {
  /** How long a ticket may wait to be used. */
  static final Duration TTL = Duration.ofSeconds(60);

  /** Outstanding tickets at most; expired ones are swept before a new one is refused. */
  static final int MAX_OUTSTANDING = 10_000;

  private static final String PREFIX = "wst_";

  /** An issued ticket: the secret goes to the caller once, then only its hash is known. */
  record Issued(String ticket, Instant expiresAt) {}

  private record Entry(Principal principal, Instant expiresAt) {}

  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;

  WsTickets(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A new ticket for {@code principal}, or a 429 when too many are outstanding. */
  Issued issue(Principal principal) {
    Instant now = clock.instant();
    if (byHash.size() >= MAX_OUTSTANDING) {
      byHash.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
      if (byHash.size() >= MAX_OUTSTANDING) {
        throw new ApiException(
            429, "too_many_tickets",
            "too many WebSocket tickets are waiting to be used; use or let expire the ones issued (they last "
                + ttl.toSeconds() + " s)");
      }
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expiresAt = now.plus(ttl);
    byHash.put(hash(ticket), new Entry(principal, expiresAt));
    return new Issued(ticket, expiresAt);
  }

  /** The ticket's principal if it is known and unexpired; it is used up either way. */
  Optional<Principal> redeem(String ticket) {
    Entry entry = byHash.remove(hash(ticket));
    if (entry == null || !entry.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(entry.principal());
  }

  private static String hash(String ticket) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
