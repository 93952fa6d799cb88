package dev.toolgate.ports;

/**
 * Root of every failure a port may throw. Adapters translate vendor exceptions into one of these
 * subclasses at their boundary; nothing vendor-specific crosses a port.
 */
public class PortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PortException(String message) {
    super(message);
  }

  public PortException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same operation may succeed if tried again later. */
  public boolean retryable() {
    return false;
  }
}
