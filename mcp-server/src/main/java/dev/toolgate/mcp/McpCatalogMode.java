package dev.toolgate.mcp;

import java.util.Locale;

/**
 * How {@code tools/list} shows the gateway's tools. {@link #FULL} lists every tool the caller may call,
 * with its schemas; {@link #COMPACT} lists three meta-tools instead ({@code search_tools},
 * {@code describe_tool}, {@code call_tool}), so that the listing an agent pays for on every turn stays
 * small however many tools there are.
 */
public enum McpCatalogMode {
  FULL,
  COMPACT;

  /** The lower-case name used in settings ({@code full}, {@code compact}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted values when {@code value} is neither
   */
  public static McpCatalogMode parse(String value) {
    String given = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (McpCatalogMode mode : values()) {
      if (mode.wireName().equals(given)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected 'full' or 'compact', got '" + value + "'");
  }
}
