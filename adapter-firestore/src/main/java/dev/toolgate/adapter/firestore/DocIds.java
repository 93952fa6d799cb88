package dev.toolgate.adapter.firestore;

import dev.toolgate.ports.Json;
import java.util.regex.Pattern;

/**
 * Document ids. Firestore ids may not contain {@code /}, may not be {@code .} or {@code ..} and
 * reserve {@code __…__}; values that are already safe (API key ids, client keys, approval ids) are
 * used as they are, so that documents are easy to find in the console. Anything else, and every
 * composite key, becomes a SHA-256 hex digest; the original values are always stored as fields too.
 */
final class DocIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

  private DocIds() {}

  /**
   * {@code value} itself when it is a safe id; otherwise {@code ~} and its digest ({@code ~} is not in
   * the safe alphabet, so the two forms never collide).
   */
  static String natural(String value) {
    boolean safe =
        SAFE.matcher(value).matches()
            && !value.equals(".")
            && !value.equals("..")
            && !(value.startsWith("__") && value.endsWith("__"));
    return safe ? value : "~" + Json.sha256(value);
  }

  /** The digest of several values, each length-prefixed so that no two tuples share a digest input. */
  static String hashed(String... parts) {
    StringBuilder text = new StringBuilder();
    for (String part : parts) {
      text.append(part.length()).append(':').append(part).append(';');
    }
    return Json.sha256(text.toString());
  }
}
