package dev.toolgate.adapter.klaviyo;

import java.time.Duration;

/**
 * An attempt that failed in a way worth repeating: 429, 5xx, a timeout or a broken connection. Never
 * leaves the adapter: once the attempts are spent it becomes a port exception.
 */
final class RetryableFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Duration retryAfter;

  /**
   * @param status the HTTP status, or 0 when no response arrived
   * @param retryAfter the wait Klaviyo asked for (429 only), or null when it gave none
   */
  RetryableFailure(String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  boolean throttled() {
    return status == 429;
  }

  /** The wait Klaviyo asked for, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
