package dev.toolgate.ports.auth;

import java.util.Locale;

/** What a key may do. A key carries one or more roles. */
public enum Role {
  /** Calls tools (an AI agent or a script). */
  AGENT,
  /** Calls tools and reads approvals, audit and usage. */
  OPERATOR,
  /** Decides approvals (by default not their own requests). */
  APPROVER,
  /** Everything, including key management. */
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively; throws naming the bad value. */
  public static Role parse(String value) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(value.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + value + "' (expected agent, operator, approver or admin)");
  }
}
