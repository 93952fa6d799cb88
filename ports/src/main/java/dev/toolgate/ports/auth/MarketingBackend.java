package dev.toolgate.ports.auth;

import java.util.Locale;

/** Where a client's marketing figures (campaign and flow performance) come from. */
public enum MarketingBackend {
  /** The client has no marketing account; marketing questions are answered with how to connect one. */
  NONE,
  /** Toolgate's built-in, clearly labelled sample data set (the zero-setup {@code demo} client). */
  SAMPLE,
  /** The client's Klaviyo account, read with the API key held in the secret store. */
  KLAVIYO;

  /** The lower-case wire name ({@code none}, {@code sample}, {@code klaviyo}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively; throws naming the bad value. */
  public static MarketingBackend parse(String value) {
    for (MarketingBackend backend : values()) {
      if (backend.name().equalsIgnoreCase(value.trim())) {
        return backend;
      }
    }
    throw new IllegalArgumentException(
        "unknown marketing backend '" + value + "' (expected none, sample or klaviyo)");
  }
}
