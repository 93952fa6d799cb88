package dev.toolgate.ports.tool;

import java.util.Locale;

/** What kind of effect a tool has; policy can require roles per category. */
public enum ToolCategory {
  /** Reads state; no side effect. */
  READ,
  /** Changes state in one system. */
  WRITE,
  /** Orchestrates several systems (documents, storage, e-mail); has side effects. */
  WORKFLOW;

  /** The lower-case wire name ({@code read}, {@code write}, {@code workflow}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively; throws naming the bad value. */
  public static ToolCategory parse(String value) {
    for (ToolCategory category : values()) {
      if (category.name().equalsIgnoreCase(value.trim())) {
        return category;
      }
    }
    throw new IllegalArgumentException(
        "unknown tool category '" + value + "' (expected read, write or workflow)");
  }
}
