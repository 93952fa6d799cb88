package dev.toolgate.core.auth;

import java.util.Locale;
import java.util.function.Function;

/**
 * The API key a request presents: {@code Authorization: Bearer}, {@code X-API-Key} or
 * {@code X-Proxy-Key}, in that order of preference. Every face (REST, MCP over HTTP) reads keys this
 * one way.
 */
public final class PresentedKeys {
  private PresentedKeys() {}

  /** The presented key, or null; {@code header} returns a header's value or null. */
  public static String from(Function<String, String> header) {
    String authorization = header.apply("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      String value = authorization.strip();
      int space = value.indexOf(' ');
      if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
        String token = value.substring(space + 1).strip();
        if (!token.isEmpty()) {
          return token;
        }
      }
    }
    for (String name : new String[] {"X-API-Key", "X-Proxy-Key"}) {
      String value = header.apply(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
