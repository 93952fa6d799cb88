package dev.toolgate.ports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks known credentials in text that came from outside: an upstream that echoes the key it was
 * called with (in an error detail, say) must not carry it into exception messages, chat turns, tool
 * logs or the audit log. Adapters pass the text and every secret of the call before the text goes
 * anywhere.
 */
public final class Redaction {
  /** What replaces a credential. */
  public static final String MASK = "[redacted]";

  /**
   * Values shorter than this are not masked: a short setting (an env value of {@code 1}, say) would
   * otherwise blank out ordinary words, and no real credential is that short.
   */
  static final int MIN_SECRET_CHARS = 6;

  /** {@code Bearer tok…}, {@code Basic …}: the credential after an auth scheme is masked on its own too. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*\\s+(\\S+)$");

  private Redaction() {}

  /**
   * The text with each occurrence of each secret replaced by {@link #MASK}, longest secret first so
   * that one containing another is masked whole. Null text is returned as is; null secrets are skipped.
   */
  public static String mask(String text, Collection<String> secrets) {
    if (text == null || text.isEmpty() || secrets == null || secrets.isEmpty()) {
      return text;
    }
    List<String> values = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null) {
        continue;
      }
      values.add(secret);
      Matcher scheme = SCHEME.matcher(secret.strip());
      if (scheme.matches()) {
        values.add(scheme.group(1));
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    String masked = text;
    for (String value : values) {
      if (value.length() >= MIN_SECRET_CHARS) {
        masked = masked.replace(value, MASK);
      }
    }
    return masked;
  }

  /** {@link #mask(String, Collection)} for a few secrets. */
  public static String mask(String text, String... secrets) {
    return mask(text, secrets == null ? List.of() : Arrays.asList(secrets));
  }
}
