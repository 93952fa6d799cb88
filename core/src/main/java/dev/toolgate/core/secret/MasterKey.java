package dev.toolgate.core.secret;

import dev.toolgate.ports.Json;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts clients' third-party secrets before they reach a
 * {@link dev.toolgate.ports.secret.SecretStore}. The apps keep it in a file of its own (written once,
 * owner-only), never in the database, so a copy of the database alone reveals no secret.
 *
 * <p>Text form: the 32 bytes in base64 (44 characters), as {@link #encoded()} writes and
 * {@link #parse} reads. {@link #toString()} and exception messages never show the key; {@link #id()}
 * identifies it safely.
 */
public final class MasterKey {
  static final int BYTES = 32;

  private final byte[] key;

  private MasterKey(byte[] key) {
    this.key = key.clone();
  }

  /** A new random key. */
  public static MasterKey generate() {
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    return new MasterKey(key);
  }

  /**
   * Reads the text form (surrounding whitespace ignored). Throws {@link IllegalArgumentException}
   * that says what is wrong without quoting the text, which may be a real key.
   */
  public static MasterKey parse(String text) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a master key must be base64 text (value not shown: it is a secret)");
    }
    if (decoded.length != BYTES) {
      throw new IllegalArgumentException(
          "a master key must be " + BYTES + " bytes in base64 (44 characters), got " + decoded.length + " bytes");
    }
    return new MasterKey(decoded);
  }

  /** The text form, for writing the key file. */
  public String encoded() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** A short, non-secret id of the key (hex of its SHA-256 prefix), recorded with every ciphertext. */
  public String id() {
    return Json.sha256(HexFormat.of().formatHex(key)).substring(0, 8);
  }

  byte[] bytes() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MasterKey that && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + id() + "]";
  }
}
