package dev.toolgate.ports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Root of every failure a port may throw. Adapters translate vendor exceptions into one of these
 * subclasses at their boundary; nothing vendor-specific crosses a port.
 */
public class PortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ObjectNode details;

  public PortException(String message) {
    this(message, null, null);
  }

  public PortException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * @param details structured facts a caller can act on (e.g. a worker's discrepancies), shown in the
   *     error's {@code details}; never secrets; may be null
   */
  protected PortException(String message, Throwable cause, ObjectNode details) {
    super(message, cause);
    this.details = details == null ? null : details.deepCopy();
  }

  /** Whether the same operation may succeed if tried again later. */
  public boolean retryable() {
    return false;
  }

  /** Structured details for the caller, or null. */
  public ObjectNode details() {
    return details == null ? null : details.deepCopy();
  }
}
