package dev.toolgate.ports;

/** The backing system could not be reached or did not answer in time; trying again later may succeed. */
public class UnavailableException extends PortException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnavailableException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
