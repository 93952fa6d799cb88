package dev.toolgate.ports.marketing;

import dev.toolgate.ports.Json;
import java.util.Objects;

/**
 * Whose marketing data to read, and the credential to read it with.
 *
 * <p>{@link #toString()} masks the key, so the record can be logged or put in an exception message
 * safely; {@link #keyFingerprint()} identifies the key (for cache or limiter keys) without revealing it.
 *
 * @param clientKey the Toolgate client (tenant) the account belongs to, e.g. {@code acme}; named in errors
 * @param apiKey the upstream private API key (Klaviyo: {@code pk_…}); a secret
 */
public record MarketingAccount(String clientKey, String apiKey) {

  public MarketingAccount {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(apiKey, "apiKey");
    if (clientKey.isBlank()) {
      throw new IllegalArgumentException("client key must not be blank, got '" + clientKey + "'");
    }
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("API key of client '" + clientKey + "' must not be blank");
    }
    // The key goes into an HTTP header: whitespace or control characters would be header injection.
    if (apiKey.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException(
          "API key of client '" + clientKey + "' contains whitespace or control characters");
    }
  }

  /** The first 12 hex digits of the key's SHA-256: stable per key, useless to an attacker. */
  public String keyFingerprint() {
    return Json.sha256(apiKey).substring(0, 12);
  }

  @Override
  public String toString() {
    return "MarketingAccount[clientKey=" + clientKey + ", apiKey=****]";
  }
}
