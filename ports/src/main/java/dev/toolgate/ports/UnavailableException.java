package dev.toolgate.ports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The backing system could not be reached or did not answer in time; trying again later may succeed. */
public class UnavailableException extends PortException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnavailableException(String message) {
    super(message);
  }

  /** With structured details a caller can act on (e.g. which steps of a workflow ran); never secrets. */
  protected UnavailableException(String message, Throwable cause, ObjectNode details) {
    super(message, cause, details);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
