package dev.toolgate.mcp;

/** Ends a subscription to the gateway's events (such as tool list changes); it never throws. */
final class Subscriptions {
  private Subscriptions() {}

  static void close(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      // Nothing to do: the listener is gone or never was.
    }
  }
}
