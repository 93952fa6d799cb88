package dev.toolgate.ports;

/** The addressed entity does not exist. Not retryable. */
public class NotFoundException extends PortException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
