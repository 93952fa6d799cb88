package dev.toolgate.ports.state;

import java.util.Objects;

/**
 * What an idempotency key is scoped to: the same key sent by another principal or for another tool
 * is a different record.
 *
 * @param keyId the principal's API key id
 * @param tool the tool name
 * @param idempotencyKey the caller's key, 1–255 printable ASCII characters
 */
public record IdempotencyScope(String keyId, String tool, String idempotencyKey) {
  public IdempotencyScope {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isEmpty()
        || idempotencyKey.length() > 255
        || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
      throw new IllegalArgumentException(
          "idempotency key must be 1-255 printable ASCII characters without spaces, got '"
              + idempotencyKey
              + "'");
    }
  }
}
