package dev.toolgate.core.approval;

import java.util.Locale;

/** What an approver decides. */
public enum Decision {
  APPROVE,
  REJECT;

  /** Parses {@code approve}/{@code reject} (also {@code approved}/{@code rejected}, {@code true}/{@code false}). */
  public static Decision parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "approve", "approved", "true", "yes" -> APPROVE;
      case "reject", "rejected", "false", "no" -> REJECT;
      default -> throw new IllegalArgumentException(
          "unknown decision '" + value + "' (expected approve or reject)");
    };
  }
}
