package dev.toolgate.ports.state;

import java.util.Locale;

/** Where an approval stands. Only PENDING may change, and only once. */
public enum ApprovalStatus {
  PENDING,
  APPROVED,
  REJECTED,
  /** Not decided before its expiry; never runs. Stores may keep such rows as PENDING (see {@link Approval#statusAt}). */
  EXPIRED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ApprovalStatus parse(String value) {
    for (ApprovalStatus status : values()) {
      if (status.name().equalsIgnoreCase(value.trim())) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown approval status '" + value + "' (expected pending, approved, rejected or expired)");
  }
}
