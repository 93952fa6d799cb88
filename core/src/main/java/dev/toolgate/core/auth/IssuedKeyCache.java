package dev.toolgate.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.toolgate.core.Principal;
import dev.toolgate.ports.auth.ApiKey;
import dev.toolgate.ports.auth.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Issued keys that authenticated recently, by key id, so that a presented key costs no store read
 * (one SQLite read and ~9 KB allocated) while its entry lives. An entry holds the stored hash and
 * the principal, never a secret; the presented key's hash is compared with it in constant time, as
 * on a store read. Only a key that matched and was active is kept; an unknown, wrong or revoked key
 * always reads the store. Entries expire after the TTL by the gateway's clock, and {@link #forget}
 * drops one at once (revoke in this process); another process sharing the store sees a revoke when
 * this one's entry expires.
 */
final class IssuedKeyCache {
  /** At most this many keys in memory; beyond it the least used are evicted and read again when presented. */
  private static final long MAX_KEYS = 10_000;

  /** What is kept of a verified key: its stored hash (as compared) and the principal it stands for. */
  record Verified(byte[] secretHash, Principal principal) {
    Verified {
      Objects.requireNonNull(secretHash, "secretHash");
      Objects.requireNonNull(principal, "principal");
    }
  }

  private final ApiKeyStore store;
  /** Null when the TTL is zero: every presented key reads the store. */
  private final Cache<String, Verified> entries;

  IssuedKeyCache(ApiKeyStore store, Duration ttl, Clock clock) {
    this.store = store;
    this.entries =
        ttl.isZero()
            ? null
            : Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(ttl)
                // The gateway's clock, so that tests move time instead of sleeping.
                .ticker(() -> nanos(clock.instant()))
                .build();
  }

  /** The principal of key {@code id} if it is active and its stored hash equals {@code presentedHash}. */
  Optional<Principal> authenticate(String id, byte[] presentedHash) {
    if (entries == null) {
      return Optional.ofNullable(verified(id, presentedHash)).map(Verified::principal);
    }
    Verified entry = entries.getIfPresent(id);
    if (entry == null) {
      // compute, not get-then-put: a forget() for this id waits until the read is done, so a key
      // revoked while it was being read is never left behind in memory.
      entry = entries.asMap().compute(id, (key, old) -> old != null ? old : verified(key, presentedHash));
    }
    return entry != null && MessageDigest.isEqual(presentedHash, entry.secretHash())
        ? Optional.of(entry.principal())
        : Optional.empty();
  }

  /** Drops key {@code id}, so that its next use reads the store. */
  void forget(String id) {
    if (entries != null) {
      entries.invalidate(id);
    }
  }

  /** What is held now, for tests that check no secret is kept. */
  Collection<Verified> entries() {
    return entries == null ? List.of() : List.copyOf(entries.asMap().values());
  }

  private Verified verified(String id, byte[] presentedHash) {
    return store
        .find(id)
        .filter(ApiKey::active)
        .map(key -> new Verified(key.secretHash().getBytes(StandardCharsets.US_ASCII), principalOf(key)))
        .filter(entry -> MessageDigest.isEqual(presentedHash, entry.secretHash()))
        .orElse(null);
  }

  private static Principal principalOf(ApiKey key) {
    return new Principal(
        key.id(), key.name(), key.roles(), key.clientKey(), key.allowTools(), key.denyTools(), key.rateLimit());
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
