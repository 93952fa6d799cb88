package dev.toolgate.ports.support;

import java.util.Locale;

/** A customer's account status. */
public enum CustomerStatus {
  ACTIVE,
  AT_RISK,
  SUSPENDED,
  CHURNED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CustomerStatus parse(String value) {
    for (CustomerStatus status : values()) {
      if (status.wireName().equalsIgnoreCase(value.trim())) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown customer status '" + value + "' (expected active, at_risk, suspended or churned)");
  }
}
