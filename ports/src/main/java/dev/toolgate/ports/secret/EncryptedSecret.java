package dev.toolgate.ports.secret;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's third-party secret (e.g. its Klaviyo API key) as stored: encrypted. The store never
 * sees the plaintext; core encrypts before {@link SecretStore#put} and decrypts only to call the
 * third party.
 *
 * @param clientKey the client the secret belongs to
 * @param name which secret, e.g. {@code klaviyo_api_key}: 1–64 lower-case letters, digits, '_', '.', '-'
 * @param ciphertext the encrypted value in core's text envelope, opaque to stores; stored and returned
 *     exactly as given
 * @param updatedAt when it was last put
 */
public record EncryptedSecret(String clientKey, String name, String ciphertext, Instant updatedAt) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public EncryptedSecret {
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "secret name '" + name + "' must be 1-64 lower-case letters, digits, '_', '.' or '-'");
    }
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.isEmpty()) {
      throw new IllegalArgumentException("ciphertext of secret '" + name + "' of client '" + clientKey + "' is empty");
    }
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Shows which secret this is, not its (encrypted) value, so the record is safe in logs. */
  @Override
  public String toString() {
    return "EncryptedSecret[clientKey=" + clientKey + ", name=" + name + ", updatedAt=" + updatedAt + "]";
  }
}
