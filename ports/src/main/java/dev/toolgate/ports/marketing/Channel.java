package dev.toolgate.ports.marketing;

import java.util.Locale;

/** The channel a campaign or flow message was sent on. */
public enum Channel {
  EMAIL,
  SMS,
  PUSH,
  WHATSAPP,
  /** A channel this version does not know; upstreams add channels without notice. */
  OTHER;

  /**
   * Maps an upstream channel name ({@code email}, {@code sms}, {@code mobile_push},
   * {@code push-notification}, {@code whatsapp}, any case) to a channel; anything else, or null, is
   * {@link #OTHER}.
   */
  public static Channel fromUpstream(String name) {
    if (name == null) {
      return OTHER;
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "email":
        return EMAIL;
      case "sms":
        return SMS;
      case "push":
      case "mobile_push":
      case "push-notification":
        return PUSH;
      case "whatsapp":
        return WHATSAPP;
      default:
        return OTHER;
    }
  }

  /** Lower-case name for JSON and text: {@code email}, {@code sms}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
