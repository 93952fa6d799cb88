package dev.toolgate.core.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, from one {@link SecureRandom}. */
public final class Ids {
  private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final SecureRandom random = new SecureRandom();

  /** {@code length} random lower-case letters and digits. */
  public String alphanumeric(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  /** {@code bytes} random bytes as base64url without padding. */
  public String secret(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
