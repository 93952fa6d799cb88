package dev.toolgate.ports.state;

import dev.toolgate.ports.Json;
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

  /**
   * The key under which a tool's side effect is recorded where it happens: in Toolgate's own stores
   * (a ticket's unique {@code idempotency_key}) and in what remote adapters pass on (an
   * {@code Idempotency-Key} header). It is a digest of the whole scope, so two API keys that send the
   * same {@code Idempotency-Key} never share an effect. 64 lower-case hex characters.
   */
  public String effectKey() {
    // Each part is length-prefixed so that no two scopes share a digest input.
    return Json.sha256(
        keyId.length() + ":" + keyId + ";" + tool.length() + ":" + tool + ";"
            + idempotencyKey.length() + ":" + idempotencyKey + ";");
  }
}
