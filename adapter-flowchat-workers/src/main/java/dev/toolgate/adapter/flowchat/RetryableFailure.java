package dev.toolgate.adapter.flowchat;

/**
 * An attempt that failed in a way worth repeating (timeout, network error, 5xx). Never leaves the
 * adapter: once the attempts are spent, or when the call may not be repeated, it becomes an
 * {@link dev.toolgate.ports.UnavailableException}.
 */
final class RetryableFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RetryableFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
